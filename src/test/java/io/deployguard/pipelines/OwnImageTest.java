package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** deployguard's own Dockerfile passes deployguard's own Dockerfile rules. */
class OwnImageTest {

  @Test
  void ownDockerfile_passesTheDockerfileRules() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = Main.run(new String[] {"dockerfile", "--fail-on", "low", "Dockerfile"},
        new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(exit).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();
  }
}
