package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import io.deployguard.report.RunSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * The pre-deploy scan run through {@link ScanRun} in a workspace, with a fake plan scanner: each line of a plan file is {@code SEVERITY RESOURCE}, a
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
    InputScanner plans = InputScanner.of(List.of(RULE), (input, config) -> {
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
    predeploy = new Predeploy(Map.of(InputKind.PLAN, plans));
  }

  /** What a run gave: the result and the exit code. */
  private record Outcome(ScanResult result, int exitCode) {}

  /** Options in the workspace, judged on 2025-06-15. */
  private ScanOptions options() {
    return ScanOptions.in(workspace, LocalDate.of(2025, 6, 15));
  }

  private Outcome run(Predeploy scans, ScanOptions options, String... plans) throws IOException {
    ScanResult result = ScanRun.execute(options, "deployguard predeploy",
        config -> scans.scan(Predeploy.inputs(Map.of(InputKind.PLAN, List.of(plans)), workspace, config), config,
            null, null),
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    return new Outcome(result, ExitStatus.of(result, options.softFail()).code());
  }

  private Outcome run(ScanOptions options, String... plans) throws IOException {
    return run(predeploy, options, plans);
  }

  private Outcome run(String... plans) throws IOException {
    return run(options(), plans);
  }

  /** Findings suppressed by a waiver, a baseline or a comment. */
  private static int suppressed(Outcome o) {
    return o.result().findings().size() - o.result().active().size();
  }

  private Path write(String name, String content) throws IOException {
    Path p = workspace.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void cleanInput_succeeds() throws IOException {
    write("plan.json", "");
    Outcome o = run("plan.json");
    assertThat(o.exitCode()).isZero();
    assertThat(o.result().failOn()).isEqualTo(Severity.HIGH);
    assertThat(o.result().findings()).isEmpty();
    assertThat(o.result().errors()).isEmpty();
    assertThat(o.result().inputs()).hasSize(1);
    assertThat(RunSummary.of(o.result()).line()).isEqualTo("no findings; failing at high: PASS");
    try (var files = Files.list(workspace)) {
      assertThat(files).as("no report written").containsExactly(workspace.resolve("plan.json"));
    }
  }

  @Test
  void failingFinding_failsTheRun_andCountsBySeverity() throws IOException {
    write("plan.json", "critical a\nhigh b\nmedium c\n");
    Outcome o = run("plan.json");
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.result().failing()).extracting(Finding::severity).containsExactly(Severity.CRITICAL, Severity.HIGH);
    assertThat(o.result().active()).hasSize(3);
    assertThat(suppressed(o)).isZero();
    assertThat(o.result().errors()).isEmpty();
    assertThat(RunSummary.of(o.result()).line())
        .isEqualTo("3 findings (1 critical, 1 high, 1 medium); failing at high: FAIL");
    assertThat(o.result().rules()).extracting(RuleMetadata::id).contains("TST001", "POL001", "POL002");
  }

  @Test
  void softFail_passesFailingFindings_andStillReportsThem() throws IOException {
    write("plan.json", "critical a\n");
    Outcome o = run(options().judged(null, true), "plan.json");
    assertThat(o.exitCode()).isZero();
    assertThat(o.result().failing()).isNotEmpty();
  }

  @Test
  void unreadableInput_failsTheRunEvenWithSoftFail_andOtherInputsAreStillScanned() throws IOException {
    write("bad.json", "garbage");
    write("good.json", "high a\n");
    Outcome o = run(options().judged(null, true), "bad.json", "good.json");
    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(scanned).containsExactly("bad.json", "good.json");
    assertThat(o.result().errors()).singleElement().extracting(e -> e.oneLine())
        .isEqualTo("bad.json: line 1: not a plan (run terraform show -json)");
    assertThat(o.result().inputs()).hasSize(2);
    assertThat(RunSummary.of(o.result()).line()).endsWith(", 1 scan error; failing at high: ERROR");
  }

  @Test
  void failOnFromTheOptions_overridesTheConfiguration() throws IOException {
    write("plan.json", "medium a\n");
    write("deployguard.yml", "fail_on: medium\n");
    assertThat(run("plan.json").exitCode()).as("deployguard.yml found in the workspace").isEqualTo(1);
    assertThat(run(options().judged("high", false), "plan.json").exitCode()).isZero();
  }

  @Test
  void reports_areWrittenRelativeToTheWorkspaceCreatingTheFolder() throws IOException {
    write("plan.json", "high a\n");
    run(options().withOutputs(List.of("text=build/reports/" + ReportFiles.defaultName("text"))), "plan.json");
    Path text = workspace.resolve("build/reports/deployguard.txt");
    assertThat(Files.readString(text)).contains("TST001", "found a");
  }

  @Test
  void unknownReportFormat_isAConfigurationErrorBeforeAnythingIsScanned() throws IOException {
    write("plan.json", "high a\n");
    assertThatThrownBy(() -> run(options().withOutputs(List.of("pdf=report.pdf")), "plan.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--output pdf=report.pdf: unknown format 'pdf' (use one of ");
    assertThat(scanned).isEmpty();
  }

  @Test
  void withoutInputs_thePredeploySectionOfTheConfigurationIsUsedRelativeToIt() throws IOException {
    write("infra/plans/plan.json", "critical a\n");
    Path config = write("infra/deployguard.yml", "predeploy:\n  plans: [plans/plan.json]\n");
    Outcome o = run(options().withConfig(workspace.relativize(config)));
    assertThat(o.exitCode()).isEqualTo(1);
    // Named from the workspace, the root of this run (it is not in a git work tree).
    assertThat(o.result().inputs()).containsExactly("infra/plans/plan.json");
  }

  @Test
  void nothingToCheck_isAConfigurationError() {
    assertThatThrownBy(() -> run()).isInstanceOf(ConfigException.class)
        .hasMessage("deployguard.yml: nothing to check (give plans, Dockerfiles or images, or list them under"
            + " predeploy: in the configuration)");
  }

  @Test
  void inputKindWithoutAScanner_isAConfigurationErrorNotASkip() {
    assertThatThrownBy(() -> ScanRun.execute(options(), "deployguard predeploy",
        config -> predeploy.scan(Predeploy.inputs(Map.of(InputKind.IMAGE, List.of("docker-archive:app.tar")), workspace,
            config), config, null, null), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))
        .isInstanceOf(ConfigException.class)
        .hasMessage("docker-archive:app.tar: this build of deployguard cannot scan image inputs (scanners here: [plan])");
  }

  @Test
  void expiredWaiver_isJudgedAgainstTheGivenDay() throws IOException {
    write("plan.json", "high a\n");
    write("deployguard.yml", """
        waivers:
          - {rule: "*", resource: a, reason: migration, expires: 2025-06-15}
        """);
    assertThat(run("plan.json").exitCode()).as("on its last day").isZero();
    Predeploy nothing = new Predeploy(Map.of(InputKind.PLAN, InputScanner.of(List.of(RULE),
        (input, config) -> List.of())));
    Outcome o = run(nothing, ScanOptions.in(workspace, LocalDate.of(2025, 6, 16)), "plan.json");
    assertThat(o.result().failing()).extracting(Finding::ruleId).containsExactly("POL001");
  }

  @Test
  void baseline_isReadRelativeToTheWorkspace() throws IOException {
    write("plan.json", "high a\n");
    Outcome first = run("plan.json");
    BaselineFile.write(workspace.resolve("baseline.json"), first.result());
    Outcome second = run(options().withBaselines(Path.of("baseline.json"), null), "plan.json");
    assertThat(second.exitCode()).isZero();
    assertThat(suppressed(second)).isEqualTo(1);
    assertThat(RunSummary.of(second.result()).line()).contains("1 baselined");
  }

  @Test
  void exitCodes_matchTheCommandLineContract() {
    assertThat(List.of(ExitStatus.OK.code(), ExitStatus.FINDINGS.code(), ExitStatus.USAGE.code(),
        ExitStatus.INPUT_ERROR.code(), ExitStatus.INTERNAL.code())).containsExactly(0, 1, 2, 3, 4);
  }
}
