package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.app.Predeploy.BuildResult;
import io.deployguard.app.Predeploy.InputKind;
import io.deployguard.app.Predeploy.Outcome;
import io.deployguard.app.Predeploy.Request;
import io.deployguard.app.Predeploy.Scanner;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facade with a fake plan scanner: each line of a plan file is {@code SEVERITY RESOURCE}, a
 * finding of a rule at that severity; a file starting with {@code garbage} cannot be read.
 */
class PredeployTest {
  private static final RuleMetadata RULE = new RuleMetadata("TST001", "Test finding", Severity.HIGH, "network",
      "Because.", "Fix it.");

  @TempDir Path workspace;

  private final List<String> scanned = new ArrayList<>();
  private Predeploy predeploy;

  @BeforeEach
  void fakeScanners() {
    Scanner plans = Scanner.of(List.of(RULE), (input, config) -> {
      scanned.add(input.spec());
      String text;
      try {
        text = Files.readString(input.path());
      } catch (NoSuchFileException e) {
        throw new InputException(input.spec(), "", "file not found", "check the path");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (text.startsWith("garbage")) {
        throw new InputException(input.spec(), "line 1", "not a plan", "run terraform show -json");
      }
      return text.lines().map(l -> l.split(" ")).map(p -> Finding.builder(RULE).severity(Severity.parse(p[0]))
          .resource(p[1]).message("found " + p[1]).location(Location.of(input.spec())).build()).toList();
    });
    predeploy = new Predeploy(Map.of(InputKind.PLAN, plans), () -> LocalDate.of(2025, 6, 15));
  }

  private Path write(String name, String content) throws IOException {
    Path p = workspace.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  private Request.Builder plans(String... names) {
    return Request.in(workspace).inputs(InputKind.PLAN, List.of(names));
  }

  @Test
  void cleanInput_succeeds() throws IOException {
    write("plan.json", "");
    Outcome o = predeploy.run(plans("plan.json").build());
    assertThat(o.exitCode()).isZero();
    assertThat(o.buildResult()).isEqualTo(BuildResult.SUCCESS);
    assertThat(o.summary()).isEqualTo("SUCCESS: no findings; failing at high: PASS");
    assertThat(o.reports()).isEmpty();
  }

  @Test
  void failingFinding_failsTheBuild_andTheSummaryCountsBySeverity() throws IOException {
    write("plan.json", "critical a\nhigh b\nmedium c\n");
    Outcome o = predeploy.run(plans("plan.json").build());
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.buildResult()).isEqualTo(BuildResult.FAILURE);
    assertThat(o.summary()).isEqualTo("FAILURE: 3 findings (1 critical, 1 high, 1 medium); failing at high: FAIL");
    assertThat(o.result().rules()).extracting(RuleMetadata::id).contains("TST001", "POL001", "POL002");
  }

  @Test
  void softFail_makesFailingFindingsUnstable() throws IOException {
    write("plan.json", "critical a\n");
    Outcome o = predeploy.run(plans("plan.json").softFail(true).build());
    assertThat(o.exitCode()).isZero();
    assertThat(o.buildResult()).isEqualTo(BuildResult.UNSTABLE);
  }

  @Test
  void findingAtTheUnstableThreshold_makesTheBuildUnstableButPasses() throws IOException {
    write("plan.json", "medium a\n");
    assertThat(predeploy.run(plans("plan.json").build()).buildResult()).isEqualTo(BuildResult.SUCCESS);
    Outcome o = predeploy.run(plans("plan.json").unstableAt(Severity.MEDIUM).build());
    assertThat(o.buildResult()).isEqualTo(BuildResult.UNSTABLE);
    assertThat(o.exitCode()).isZero();
  }

  @Test
  void unreadableInput_failsTheBuildEvenWithSoftFail_andOtherInputsAreStillScanned() throws IOException {
    write("bad.json", "garbage");
    write("good.json", "high a\n");
    Outcome o = predeploy.run(plans("bad.json", "good.json").softFail(true).build());
    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.buildResult()).isEqualTo(BuildResult.FAILURE);
    assertThat(scanned).containsExactly("bad.json", "good.json");
    assertThat(o.result().errors()).singleElement().extracting(e -> e.oneLine())
        .isEqualTo("bad.json: line 1: not a plan (run terraform show -json)");
    assertThat(o.summary()).endsWith(", 1 scan error; failing at high: ERROR");
  }

  @Test
  void failOnFromTheRequest_overridesTheConfiguration() throws IOException {
    write("plan.json", "medium a\n");
    write("deployguard.yml", "fail_on: medium\n");
    assertThat(predeploy.run(plans("plan.json").build()).exitCode()).as("deployguard.yml found in the workspace")
        .isEqualTo(1);
    assertThat(predeploy.run(plans("plan.json").failOn(Severity.HIGH).build()).exitCode()).isZero();
  }

  @Test
  void reports_areWrittenUnderTheirConventionalNamesCreatingTheFolder() throws IOException {
    write("plan.json", "high a\n");
    Outcome o = predeploy.run(plans("plan.json").reports(Path.of("build/reports"), List.of("text")).build());
    Path text = workspace.resolve("build/reports/deployguard.txt");
    assertThat(o.reports()).containsExactly(Map.entry("text", text));
    assertThat(Files.readString(text)).contains("TST001", "found a");
  }

  @Test
  void unknownReportFormat_isAConfigurationErrorBeforeAnythingIsScanned() throws IOException {
    write("plan.json", "high a\n");
    assertThatThrownBy(() -> predeploy.run(plans("plan.json").reports(workspace, List.of("pdf")).build()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("report format: unknown format 'pdf' (use one of ");
    assertThat(scanned).isEmpty();
  }

  @Test
  void withoutInputs_thePredeploySectionOfTheConfigurationIsUsedRelativeToIt() throws IOException {
    write("infra/plans/plan.json", "critical a\n");
    Path config = write("infra/deployguard.yml", "predeploy:\n  plans: [plans/plan.json]\n");
    Outcome o = predeploy.run(Request.in(workspace).config(workspace.relativize(config)).build());
    assertThat(o.exitCode()).isEqualTo(1);
    // Named from the workspace, the root of this run (it is not in a git work tree).
    assertThat(o.result().inputs()).containsExactly("infra/plans/plan.json");
  }

  @Test
  void nothingToCheck_isAConfigurationError() {
    assertThatThrownBy(() -> predeploy.run(Request.in(workspace).build())).isInstanceOf(ConfigException.class)
        .hasMessage("deployguard.yml: nothing to check (give plans, Dockerfiles or images, or list them under"
            + " predeploy: in the configuration)");
  }

  @Test
  void inputKindWithoutAScanner_isAConfigurationErrorNotASkip() {
    Request r = Request.in(workspace).inputs(InputKind.IMAGE, List.of("docker-archive:app.tar")).build();
    assertThatThrownBy(() -> predeploy.run(r)).isInstanceOf(ConfigException.class)
        .hasMessage("docker-archive:app.tar: this build of deployguard cannot scan image inputs (scanners here: [plan])");
  }

  @Test
  void expiredWaiver_isJudgedAgainstTheGivenDay() throws IOException {
    write("plan.json", "high a\n");
    write("deployguard.yml", """
        waivers:
          - {rule: "*", resource: a, reason: migration, expires: 2025-06-15}
        """);
    assertThat(predeploy.run(plans("plan.json").build()).exitCode()).as("on its last day").isZero();
    Predeploy dayAfter = new Predeploy(Map.of(InputKind.PLAN, Scanner.of(List.of(RULE),
        (input, config) -> List.of())), () -> LocalDate.of(2025, 6, 16));
    Outcome o = dayAfter.run(plans("plan.json").build());
    assertThat(o.result().failing()).extracting(Finding::ruleId).containsExactly("POL001");
  }

  @Test
  void baseline_isReadRelativeToTheWorkspace() throws IOException {
    write("plan.json", "high a\n");
    Outcome first = predeploy.run(plans("plan.json").build());
    BaselineFile.write(workspace.resolve("baseline.json"), first.result());
    Outcome second = predeploy.run(plans("plan.json").baseline(Path.of("baseline.json")).build());
    assertThat(second.exitCode()).isZero();
    assertThat(second.summary()).contains("1 baselined");
  }

  @Test
  void exitCodes_matchTheCommandLineContract() {
    assertThat(List.of(ExitStatus.OK.code(), ExitStatus.FINDINGS.code(), ExitStatus.USAGE.code(),
        ExitStatus.INPUT_ERROR.code())).containsExactly(0, 1, 2, 3);
  }
}
