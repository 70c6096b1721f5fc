package io.deployguard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.deployguard.network.NetworkSettings;
import io.deployguard.terraform.LogSettings;
import io.deployguard.terraform.PlanScanner;

/** The plan reader and the plan rules on any bytes. */
public class PlanReaderFuzzTest {

  @FuzzTest(maxDuration = FuzzContract.BUDGET)
  void planReaderAndRules(byte[] data) {
    fuzzerTestOneInput(data);
  }

  /** The same check for Jazzer's command line, which runs for any -max_total_time (see the README). */
  public static void fuzzerTestOneInput(byte[] data) {
    FuzzContract.expectOnlyCleanErrors(() -> PlanScanner.scan(FuzzContract.file("plan.json", data),
        NetworkSettings.DEFAULT, LogSettings.DEFAULT));
  }
}
