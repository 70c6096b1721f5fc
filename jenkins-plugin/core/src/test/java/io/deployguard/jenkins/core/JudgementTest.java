package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deployguard.jenkins.core.Judgement.BuildResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JudgementTest {

  private static final ReportsDir DIR = ReportsDir.parse("deployguard-reports", "x");
  private static final List<ReportFile> REPORTS = ReportFile.written(false);

  /** A schemaVersion 1 report as docs/json-format.md shows it. */
  static String report(String verdict, int critical, int high, int medium, int failing) {
    int active = critical + high + medium;
    return """
        {"tool": {"name": "deployguard", "version": "0.1.0"}, "schemaVersion": 1, "verdict": "%s", "failOn": "high",
         "summary": {"active": %d, "critical": %d, "high": %d, "medium": %d, "low": 0, "info": 0,
                     "failing": %d, "suppressed": 1, "waived": 1, "baselined": 0, "errors": 0},
         "findings": [], "errors": [], "notes": [], "inputs": ["Dockerfile"]}
        """.formatted(verdict, active, critical, high, medium, failing);
  }

  private static Judgement judge(int exit, String report, boolean softFail, Severity unstableAt) {
    return Judgement.of("deployguardPredeploy", exit, report, softFail, unstableAt, DIR, REPORTS);
  }

  @Test
  void exit0_isSuccess_andTheValueCarriesVerdictCountsAndReports() {
    Judgement j = judge(0, report("pass", 0, 0, 2, 0), false, null);

    assertEquals(BuildResult.SUCCESS, j.result());
    assertEquals("deployguardPredeploy: passed. Reports: deployguard-reports/deployguard.json, "
        + "deployguard-reports/deployguard-junit.xml, deployguard-reports/deployguard.sarif, "
        + "deployguard-reports/deployguard.md.", j.message());
    assertEquals("pass", j.value().get("verdict"));
    assertEquals("SUCCESS", j.value().get("result"));
    assertEquals("{active=2, critical=0, high=0, medium=2, low=0, info=0, failing=0, suppressed=1, waived=1, "
        + "baselined=0, errors=0}", j.value().get("counts").toString());
    assertEquals(List.of("json", "junit", "sarif", "markdown"),
        List.copyOf(((Map<?, ?>) j.value().get("reports")).keySet()), "report order is the order written");
    assertEquals("deployguard-reports/deployguard-junit.xml", ((Map<?, ?>) j.value().get("reports")).get("junit"));
  }

  @Test
  void exit1_isFailure_namingTheThreshold() {
    Judgement j = judge(1, report("fail", 1, 1, 0, 2), false, null);
    assertEquals(BuildResult.FAILURE, j.result());
    assertTrue(j.message().startsWith("deployguardPredeploy: 2 finding(s) at or above the fail threshold 'high' "
        + "(exit code 1). Reports: deployguard-reports/deployguard.json"), j.message());
  }

  @Test
  void exit1_withSoftFail_isUnstable() {
    Judgement j = judge(1, report("fail", 0, 1, 0, 1), true, null);
    assertEquals(BuildResult.UNSTABLE, j.result());
    assertTrue(j.message().startsWith("deployguardPredeploy: 1 finding(s) at or above the fail threshold 'high' "
        + "mark the build UNSTABLE (softFail)."), j.message());
    assertEquals("fail", j.value().get("verdict"));
    assertEquals("UNSTABLE", j.value().get("result"));
  }

  @Test
  void exit1_withUnstableAtButNoSoftFail_isStillFailure() {
    assertEquals(BuildResult.FAILURE, judge(1, report("fail", 0, 1, 0, 1), false, Severity.MEDIUM).result());
  }

  @Test
  void exit0_withFindingsAtUnstableAt_isUnstable() {
    Judgement j = judge(0, report("pass", 0, 0, 3, 0), false, Severity.MEDIUM);
    assertEquals(BuildResult.UNSTABLE, j.result());
    assertTrue(j.message().startsWith("deployguardPredeploy: 3 finding(s) at or above unstableAt 'medium' "
        + "(below the fail threshold 'high') mark the build UNSTABLE."), j.message());
  }

  @Test
  void exit0_withNothingAtUnstableAt_isSuccess() {
    assertEquals(BuildResult.SUCCESS, judge(0, report("pass", 0, 0, 3, 0), false, Severity.HIGH).result());
  }

  @Test
  void exit2_3_4_areFailures_pointingAtTheToolsOwnLine() {
    assertEquals("deployguardPredeploy: usage or configuration error; the 'deployguard:' line above says what to fix"
        + " (exit code 2).", judge(2, null, true, null).message());
    assertEquals("deployguardPredeploy: an input could not be read or scanned; the 'deployguard:' line above names it"
        + " (exit code 3).", judge(3, report("error", 0, 0, 0, 0), true, Severity.INFO).message());
    assertEquals("deployguardPredeploy: internal error in deployguard; the 'deployguard:' line above is the one to report"
        + " (exit code 4).", judge(4, null, true, null).message());
    for (int exit : new int[] {2, 3, 4, 127, 137}) {
      assertEquals(BuildResult.FAILURE, judge(exit, report("pass", 0, 0, 0, 0), true, null).result(), "exit " + exit);
    }
  }

  @Test
  void aMissingJava_isFailureWithTheFix() {
    assertTrue(judge(127, null, false, null).message().contains("java could not be started on the agent"));
  }

  @Test
  void aPassWithoutAReport_isFailure_neverAPass() {
    Judgement j = judge(0, null, false, null);
    assertEquals(BuildResult.FAILURE, j.result());
    assertEquals("deployguardPredeploy: deployguard exited 0 but wrote no deployguard-reports/deployguard.json; "
        + "the step cannot show a result it has no report of.", j.message());
  }

  @Test
  void aSoftFailWithoutAReport_isFailure() {
    assertEquals(BuildResult.FAILURE, judge(1, null, true, null).result());
  }

  @Test
  void anUnreadableReport_isFailureNamingIt() {
    assertEquals("deployguardPredeploy: deployguard-reports/deployguard.json: not JSON (unexpected character 'x' at "
        + "character 0)", judge(0, "x", false, null).message());
    assertEquals("deployguardPredeploy: deployguard-reports/deployguard.json: schemaVersion 2 is not the 1 this plugin "
        + "reads; use a plugin release that matches the deployguard version",
        judge(0, report("pass", 0, 0, 0, 0).replace("\"schemaVersion\": 1", "\"schemaVersion\": 2"), false, null)
            .message());
    assertEquals("deployguardPredeploy: deployguard-reports/deployguard.json: summary.medium is -1, not a count",
        judge(0, report("pass", 0, 0, 0, 0).replace("\"medium\": 0", "\"medium\": -1"), false, null).message());
  }
}
