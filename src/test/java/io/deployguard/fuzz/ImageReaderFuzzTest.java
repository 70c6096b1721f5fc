package io.deployguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deployguard.docker.ImageSettings;
import io.deployguard.docker.image.ImageAnalysis;
import io.deployguard.docker.image.ImageReader;
import io.deployguard.docker.image.ImageRules;

/** The tar and image archive reader (docker save and OCI, plain or gzip), analysis and rules, on any bytes. */
public class ImageReaderFuzzTest {

  @FuzzTest(maxDuration = FuzzContract.BUDGET)
  void imageArchiveReader(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** The same check for Jazzer's command line, which runs for any -max_total_time (see the README). */
  public static void fuzzerTestOneInput(byte[] data) {
    String spec = FuzzContract.file("image.tar", data).toString();
    FuzzContract.expectOnlyCleanErrors(() -> ImageRules.RULES.evaluate(
        ImageAnalysis.of(ImageReader.read(spec, ImageReader.Options.DEFAULT)), ImageSettings.DEFAULT));
  }
}
