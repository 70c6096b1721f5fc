package io.deployguard.cli;

import static io.deployguard.cli.FakeScanCommand.NOTE;
import static io.deployguard.cli.FakeScanCommand.OPEN;
import static io.deployguard.cli.FakeScanCommand.finding;
import static io.deployguard.cli.FakeScanCommand.unreadable;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Version;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every exit-code path of the command line, run in-process through {@link Main}. */
class MainTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(FakeScanCommand fake, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = fake == null
        ? Main.run(args, new PrintWriter(out), new PrintWriter(err))
        : Main.commandLine(new PrintWriter(out), new PrintWriter(err), fake).execute(args);
    Run r = new Run(code, out.toString(), err.toString());
    assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    return r;
  }

  /** A usage or configuration error: exit 2, one line on stderr, nothing scanned. */
  private static void assertUsageError(FakeScanCommand fake, String expectedLine, String... args) {
    Run r = run(fake, args);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: " + expectedLine + System.lineSeparator());
    assertThat(fake.scanned).as("scanned despite a usage error").isFalse();
  }

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  // --- the top-level command

  @Test
  void version_printsTheNameTheVersionAndTheCommitOfTheBuild() throws Exception {
    Run r = run(null, "--version");
    assertThat(r.code()).isZero();
    assertThat(r.out().trim()).isEqualTo("deployguard " + Version.get() + " (commit " + Version.commit() + ")")
        .matches("deployguard \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{12}|unknown)\\)");
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    String head = new String(git.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
    if (git.waitFor() == 0) {
      assertThat(head).as("the commit this checkout was built from").startsWith(Version.commit());
    } else {
      assertThat(Version.commit()).as("built outside a git checkout (git: " + head + ")").isEqualTo("unknown");
    }
  }

  @Test
  void help_listsTheCommandsAndTheExitCodes() {
    Run r = run(null, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: deployguard [-hV] COMMAND", "rules", "Exit codes:",
        "3  an input could not be read");
  }

  @Test
  void noCommand_showsUsageAndIsAUsageError() {
    Run r = run(null);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("deployguard: give a command (see 'deployguard --help')").contains("Commands:");
  }

  @Test
  void unknownCommand_isAOneLineUsageError() {
    Run r = run(null, "scan-everything");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).singleElement().asString()
        .isEqualTo("deployguard: unknown command 'scan-everything'; commands: plan, dockerfile, image, predeploy,"
            + " remediate, alarms, postdeploy, rules (see 'deployguard --help')");
  }

  // --- usage and configuration errors: exit 2

  @Test
  void unknownOption_isAOneLineUsageError() {
    assertUsageError(FakeScanCommand.reporting(), "Unknown option: '--colour' (see 'deployguard fake --help')",
        "fake", "--colour");
  }

  @Test
  void unknownFormat_isAUsageError() {
    FakeScanCommand fake = FakeScanCommand.reporting(finding(OPEN, "a"));
    Run r = run(fake, "fake", "--format", "yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("deployguard: --format: unknown format 'yaml' (use one of ").contains("text");
    assertThat(fake.scanned).isFalse();
  }

  @Test
  void outputWithoutFormatAndPath_isAUsageError() {
    assertUsageError(FakeScanCommand.reporting(),
        "--output report.sarif: write FORMAT=PATH, e.g. --output sarif=build/deployguard.sarif",
        "fake", "--output", "report.sarif");
  }

  @Test
  void outputInAnUnknownFormat_isAUsageError() {
    FakeScanCommand fake = FakeScanCommand.reporting();
    Run r = run(fake, "fake", "-o", "text=a.txt", "-o", "pdf=a.pdf");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("deployguard: --output pdf=a.pdf: unknown format 'pdf'");
    assertThat(fake.scanned).isFalse();
  }

  @Test
  void badFailOn_isAUsageError() {
    assertUsageError(FakeScanCommand.reporting(),
        "--fail-on: 'severe' is not a severity; use one of info, low, medium, high, critical",
        "fake", "--fail-on", "severe");
  }

  @Test
  void badConfiguration_isAUsageErrorNamingFileLineAndKey() throws IOException {
    Path config = file("deployguard.yml", "version: 1\nnetwork:\n  allowed_ports: [80]\n");
    assertUsageError(FakeScanCommand.reporting(), config + ":3: network.allowed_ports: unknown key 'allowed_ports'"
        + " (known keys here: admin_ports, allowed_public_ports, high_risk_ports, wide_cidr_prefix)",
        "fake", "--config", config.toString());
  }

  @Test
  void missingConfiguration_isAUsageError() {
    Path missing = dir.resolve("nope.yml");
    assertUsageError(FakeScanCommand.reporting(),
        missing + ": configuration file not found (check --config, or run without it for the defaults)",
        "fake", "-c", missing.toString());
  }

  @Test
  void missingBaseline_isAUsageError() {
    Path missing = dir.resolve("baseline.json");
    assertUsageError(FakeScanCommand.reporting(),
        missing + ": baseline file not found (create it with --write-baseline " + missing + ")",
        "fake", "--baseline", missing.toString());
  }

  // --- verdicts: 0 and 1

  @Test
  void noFindings_passes() {
    Run r = run(FakeScanCommand.reporting(), "fake");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void findingsBelowTheThreshold_pass() {
    assertThat(run(FakeScanCommand.reporting(finding(NOTE, "a")), "fake").code()).isZero();
  }

  @Test
  void findingAtTheThreshold_fails() {
    Run r = run(FakeScanCommand.reporting(finding(OPEN, "aws_security_group.web")), "fake");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("TST001", "aws_security_group.web");
  }

  @Test
  void failOnOption_movesTheThresholdBothWays() {
    assertThat(run(FakeScanCommand.reporting(finding(NOTE, "a")), "fake", "--fail-on", "medium").code()).isEqualTo(1);
    assertThat(run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "--fail-on", "CRITICAL").code()).isZero();
  }

  @Test
  void failOnOption_overridesTheConfiguration() throws IOException {
    Path config = file("deployguard.yml", "fail_on: info\n");
    assertThat(run(FakeScanCommand.reporting(finding(NOTE, "a")), "fake", "-c", config.toString()).code()).isEqualTo(1);
    assertThat(run(FakeScanCommand.reporting(finding(NOTE, "a")), "fake", "-c", config.toString(), "--fail-on", "high")
        .code()).isZero();
  }

  @Test
  void softFail_turnsFailingFindingsIntoAPass() {
    Run r = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "--soft-fail");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("TST001");
  }

  // --- input errors: exit 3

  @Test
  void unreadableInput_isAnInputError() {
    Run r = run(FakeScanCommand.failing(unreadable("plan.json")), "fake");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("plan.json: line 1, column 2: not a Terraform plan (run terraform show -json)");
  }

  @Test
  void inputErrorWinsOverFindings() {
    assertThat(run(FakeScanCommand.failing(unreadable("plan.json"), finding(OPEN, "a")), "fake").code()).isEqualTo(3);
  }

  @Test
  void softFail_neverHidesAnInputError() {
    assertThat(run(FakeScanCommand.failing(unreadable("plan.json"), finding(OPEN, "a")), "fake", "--soft-fail").code())
        .isEqualTo(3);
  }

  @Test
  void scannerThatBreaks_isAnInternalErrorExit4NotAPass() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err),
        FakeScanCommand.failing(new IllegalStateException("boom"))).execute("fake", "--soft-fail");
    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).startsWith("deployguard: internal error: java.lang.IllegalStateException: boom at ")
        .contains("please report it").doesNotContain("\tat ").hasLineCount(1);
  }

  // --- outputs

  @Test
  void outputs_areWrittenToEveryPathCreatingFolders() throws IOException {
    Path nested = dir.resolve("reports/deep/result.txt");
    Path flat = dir.resolve("result.txt");
    Run r = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake",
        "--output", "text=" + nested, "-o", "text=" + flat);
    assertThat(r.code()).isEqualTo(1);
    assertThat(Files.readString(nested)).isEqualTo(r.out()).contains("TST001");
    assertThat(Files.readString(flat)).isEqualTo(r.out());
  }

  @Test
  void textOutsideATerminal_hasNoColourCodes() {
    Run r = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake");
    assertThat(r.out()).doesNotContain("\u001b[");
  }

  @Test
  void scanCommandHelp_showsTheSharedOptionsAndExitCodes() {
    Run r = run(FakeScanCommand.reporting(), "fake", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--output=FORMAT=PATH", "--soft-fail", "--baseline=FILE", "--write-baseline=FILE",
        "--no-color", "Exit codes:", "wins over findings");
  }

  // --- baselines

  @Test
  void baselineRoundTrip_secondRunPasses_andANewFindingFails() throws IOException {
    Path baseline = dir.resolve("baselines/deployguard-baseline.json");
    Run first = run(FakeScanCommand.reporting(finding(OPEN, "a"), finding(OPEN, "b")), "fake",
        "--write-baseline", baseline.toString());
    assertThat(first.code()).as("writing a baseline does not change the verdict").isEqualTo(1);
    assertThat(baseline).exists();

    Run second = run(FakeScanCommand.reporting(finding(OPEN, "a"), finding(OPEN, "b")), "fake",
        "--baseline", baseline.toString());
    assertThat(second.code()).isZero();

    Run third = run(FakeScanCommand.reporting(finding(OPEN, "a"), finding(OPEN, "b"), finding(OPEN, "c")), "fake",
        "--baseline", baseline.toString());
    assertThat(third.code()).isEqualTo(1);
  }

  @Test
  void baselineDoesNotHideAnInputError() throws IOException {
    Path baseline = dir.resolve("baseline.json");
    run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "--write-baseline", baseline.toString());
    assertThat(run(FakeScanCommand.failing(unreadable("plan.json"), finding(OPEN, "a")), "fake",
        "--baseline", baseline.toString()).code()).isEqualTo(3);
  }

  @Test
  void corruptBaseline_isAUsageError() throws IOException {
    Path baseline = file("baseline.json", "{\"version\": 3, \"findings\": []}");
    assertUsageError(FakeScanCommand.reporting(),
        baseline + ": not a deployguard baseline (version 2 with findings[]); write one with --write-baseline",
        "fake", "--baseline", baseline.toString());
  }

  // --- rules

  @Test
  void rules_listsEveryRuleOfTheCatalogue() {
    Run r = run(null, "rules");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().findFirst()).hasValueSatisfying(h -> assertThat(h).matches("ID +SEVERITY +CATEGORY +TITLE"));
    io.deployguard.app.RuleCatalogue.all().forEach(rule ->
        assertThat(r.out()).containsPattern("(?m)^" + rule.id() + " +" + rule.defaultSeverity().lowerName() + " +"
            + rule.category() + " +" + java.util.regex.Pattern.quote(rule.title()) + "$"));
  }

  @Test
  void rulesAsJson_hasEveryFieldOfEveryRule() throws IOException {
    Run r = run(null, "rules", "--format", "json");
    assertThat(r.code()).isZero();
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(json).hasSize(io.deployguard.app.RuleCatalogue.all().size());
    io.deployguard.policy.RuleMetadata first = io.deployguard.app.RuleCatalogue.all().get(0);
    assertThat(json.get(0).get("id").asText()).isEqualTo(first.id());
    assertThat(json.get(0).get("severity").asText()).isEqualTo(first.defaultSeverity().lowerName());
    assertThat(json.get(0).fieldNames()).toIterable()
        .containsExactly("id", "severity", "category", "title", "rationale", "fix", "helpUri");
  }

  @Test
  void rulesInAnUnknownFormat_isAUsageError() {
    Run r = run(null, "rules", "--format", "csv");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: --format: unknown format 'csv' (use one of text, json, markdown)"
        + System.lineSeparator());
  }

  @Test
  void anErrorThatIsNotAnException_isExit4WithOneLine_andDebugAddsTheTrace() {
    StringWriter err = new StringWriter();
    int code = Main.internalError(new StackOverflowError(), new PrintWriter(err), false);
    assertThat(code).isEqualTo(4);
    assertThat(err.toString()).startsWith("deployguard: internal error: java.lang.StackOverflowError at io.deployguard.")
        .contains("--debug").hasLineCount(1);
    StringWriter traced = new StringWriter();
    Main.internalError(new IllegalStateException("x", new NoClassDefFoundError("y/Z")), new PrintWriter(traced), true);
    assertThat(traced.toString()).startsWith("deployguard: internal error: java.lang.NoClassDefFoundError: y/Z")
        .contains("\tat ").contains("Caused by");
  }

  @Test
  void debugIsAcceptedAnywhereBeforeDoubleDash() {
    assertThat(run(null, "--debug", "--version").code()).isZero();
    assertThat(run(null, "--version", "--debug").code()).isZero();
  }

  @Test
  void helpOfEveryScanningCommand_hasOneExitCodesBlockListing4() {
    for (String command : java.util.List.of("plan", "predeploy", "dockerfile", "image")) {
      Run r = run(null, command, "--help");
      assertThat(r.out().split("Exit codes:", -1)).as(command).hasSize(2);
      assertThat(r.out()).as(command).contains("4  internal error");
    }
    assertThat(run(null, "--help").out()).contains("4  internal error");
  }
}
