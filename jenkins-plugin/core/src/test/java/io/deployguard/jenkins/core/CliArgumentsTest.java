package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliArgumentsTest {

  private static final ReportsDir REPORTS = ReportsDir.parse("deployguard-reports", "x");

  @Test
  void predeploy_passesEveryInputAndOption_andAsksForEveryReport() {
    CliArguments.Predeploy p = new CliArguments.Predeploy(List.of("tfplan.json", "b/tfplan.json"),
        List.of("Dockerfile"), List.of("docker-archive:app.tar"), "ci/deployguard.yml", Severity.MEDIUM, true);

    assertEquals(List.of("predeploy", "--plan=tfplan.json", "--plan=b/tfplan.json", "--dockerfile=Dockerfile",
        "--image=docker-archive:app.tar", "--config=ci/deployguard.yml", "--fail-on=medium", "--format=text",
        "--no-color", "--output=json=deployguard-reports/deployguard.json",
        "--output=junit=deployguard-reports/deployguard-junit.xml",
        "--output=sarif=deployguard-reports/deployguard.sarif", "--output=markdown=deployguard-reports/deployguard.md",
        "--output=gitlab-sast=deployguard-reports/gl-sast-report.json"), CliArguments.predeploy(p, REPORTS));
  }

  @Test
  void predeploy_withNothingGiven_leavesInputsConfigAndThresholdToTheConfiguration() {
    CliArguments.Predeploy p = new CliArguments.Predeploy(List.of(), List.of(), List.of(), "", null, false);

    assertEquals(List.of("predeploy", "--format=text", "--no-color", "--output=json=out/deployguard.json",
        "--output=junit=out/deployguard-junit.xml", "--output=sarif=out/deployguard.sarif",
        "--output=markdown=out/deployguard.md"), CliArguments.predeploy(p, ReportsDir.parse("out", "x")));
  }

  @Test
  void aValueThatLooksLikeAnOption_staysAValue() {
    CliArguments.Predeploy p = new CliArguments.Predeploy(List.of("--apply"), List.of(), List.of(), "", null, false);
    assertEquals("--plan=--apply", CliArguments.predeploy(p, REPORTS).get(1));
  }

  @Test
  void softFailIsNeverPassed_soFindingsStayExitCode1() {
    CliArguments.Postdeploy p = new CliArguments.Postdeploy(List.of(), "", "", null, false, false);
    assertEquals(false, CliArguments.postdeploy(p, REPORTS).contains("--soft-fail"));
  }

  @Test
  void postdeploy_passesRegionsPlanAlarmsAndApply() {
    CliArguments.Postdeploy p = new CliArguments.Postdeploy(List.of("eu-west-1", "us-east-1"), "deployguard.yml",
        "tfplan.json", Severity.HIGH, true, true);

    assertEquals(List.of("postdeploy", "--region=eu-west-1", "--region=us-east-1", "--plan=tfplan.json",
        "--create-missing", "--apply", "--config=deployguard.yml", "--fail-on=high", "--format=text", "--no-color",
        "--output=json=deployguard-reports/deployguard.json", "--output=junit=deployguard-reports/deployguard-junit.xml",
        "--output=sarif=deployguard-reports/deployguard.sarif", "--output=markdown=deployguard-reports/deployguard.md"),
        CliArguments.postdeploy(p, REPORTS));
  }

  @Test
  void postdeploy_withoutApply_asksForNoChange() {
    CliArguments.Postdeploy p = new CliArguments.Postdeploy(List.of("eu-west-1"), "", "", null, false, true);
    List<String> args = CliArguments.postdeploy(p, REPORTS);
    assertEquals(false, args.contains("--apply"));
    assertEquals(true, args.contains("--create-missing"));
  }

  @Test
  void inputPaths_listWhatTheReportsFolderMustNotHold() {
    assertEquals(List.of("tfplan.json", "Dockerfile", "app.tar", "layout", "ci.yml"),
        new CliArguments.Predeploy(List.of("tfplan.json"), List.of("Dockerfile"),
            List.of("docker-archive:app.tar", "oci:layout:v1", "docker-daemon:app:1"), "ci.yml", null, false)
            .inputPaths());
    assertEquals(List.of("c.yml", "p.json"),
        new CliArguments.Postdeploy(List.of(), "c.yml", "p.json", null, false, false).inputPaths());
  }

  @Test
  void listParameters_splitOnWhitespaceAndCommas() {
    assertEquals(List.of("a.json", "b.json", "c.json"), InputSpecs.split(" a.json,b.json\n c.json ,"));
    assertEquals(List.of(), InputSpecs.split("  "));
    assertEquals(true, InputSpecs.isPattern("**/Dockerfile"));
    assertEquals(false, InputSpecs.isPattern("Dockerfile"));
  }

  @Test
  void anAbsolutePattern_isRefusedInOneLine_namingTheParameterAndTheFix() {
    assertEquals("**/Dockerfile", InputSpecs.relativePattern("dockerfiles", "**/Dockerfile"));
    for (String absolute : List.of("/srv/**/Dockerfile", "\\\\host\\*.json", "C:\\plans\\*.json")) {
      StepInputException e = org.junit.jupiter.api.Assertions.assertThrows(StepInputException.class,
          () -> InputSpecs.relativePattern("plans", absolute));
      assertEquals("plans: '" + absolute + "' is an absolute pattern, but patterns are matched inside the workspace;"
          + " give it relative to the workspace (e.g. '**/Dockerfile'), or name the file without * or ?", e.getMessage());
    }
  }

  @Test
  void severities_parseInAnyCase_andAnUnknownOneNamesTheParameter() {
    assertEquals(Severity.HIGH, Severity.parseOptional("failOn", " High "));
    assertEquals(null, Severity.parseOptional("failOn", ""));
    StepInputException e = org.junit.jupiter.api.Assertions.assertThrows(StepInputException.class,
        () -> Severity.parseOptional("unstableAt", "severe"));
    assertEquals("unstableAt: 'severe' is not a severity; use one of info, low, medium, high, critical (or leave it empty)",
        e.getMessage());
  }
}
