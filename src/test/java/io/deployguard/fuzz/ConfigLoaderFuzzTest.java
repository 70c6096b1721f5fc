package io.deployguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deployguard.app.ConfigLoader;

/** The configuration loader (YAML, keys, values, waivers) on any bytes. */
public class ConfigLoaderFuzzTest {

  @FuzzTest(maxDuration = FuzzContract.BUDGET)
  void configurationLoader(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** The same check for Jazzer's command line, which runs for any -max_total_time (see the README). */
  public static void fuzzerTestOneInput(byte[] data) {
    FuzzContract.expectOnlyCleanErrors(() -> ConfigLoader.load(FuzzContract.file("deployguard.yml", data)));
  }
}
