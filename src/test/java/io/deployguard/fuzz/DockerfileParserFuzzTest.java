package io.deployguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deployguard.docker.DockerfileSettings;
import io.deployguard.docker.dockerfile.BuildInput;
import io.deployguard.docker.dockerfile.DockerfileParser;
import io.deployguard.docker.dockerfile.DockerfileRules;
import java.util.Map;

/** The Dockerfile parser and the Dockerfile rules on any bytes. */
public class DockerfileParserFuzzTest {

  @FuzzTest(maxDuration = FuzzContract.BUDGET)
  void dockerfileParserAndRules(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** The same check for Jazzer's command line, which runs for any -max_total_time (see the README). */
  public static void fuzzerTestOneInput(byte[] data) {
    FuzzContract.expectOnlyCleanErrors(() -> DockerfileRules.RULES.evaluate(
        new BuildInput(DockerfileParser.parse("Dockerfile", data, Map.of()), false, null), DockerfileSettings.DEFAULT));
  }
}
