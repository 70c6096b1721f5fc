package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.RuleCatalogue;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  @TempDir Path tmp;

  /** Exit code and what was printed. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void openSecurityGroupExample_failsWithTheWorldSshAllTrafficAndLogGroupFindings() {
    Run r = run("plan", "examples/plans/open-security-group.json");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern("SG002 +aws_security_group\\.bastion +ingress tcp port 22 from 0\\.0\\.0\\.0/0")
        .containsPattern("SG001 +aws_security_group_rule\\.poc_allow_all +ingress all traffic from 0\\.0\\.0\\.0/0")
        .containsPattern("LOG001 +aws_cloudwatch_log_group\\.api")
        .contains("fix: ")
        .doesNotContain("aws_security_group.web ")
        .doesNotContain("aws_cloudwatch_log_group.worker");
  }

  @Test
  void safeExample_passes() {
    Run r = run("plan", "examples/plans/safe.json");
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).doesNotContain("SG0").doesNotContain("LOG001");
  }

  @Test
  void softFail_reportsButExitsZero() {
    Run r = run("plan", "--soft-fail", "examples/plans/open-security-group.json");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("SG001");
  }

  @Test
  void failOnCritical_ignoresHighAndBelow_andFailOnMediumCatchesLog001() throws IOException {
    Path plan = tmp.resolve("logs.json");
    Files.writeString(plan, "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"aws_cloudwatch_log_group.a\","
        + "\"mode\":\"managed\",\"type\":\"aws_cloudwatch_log_group\",\"change\":{\"actions\":[\"create\"],"
        + "\"after\":{\"name\":\"a\",\"retention_in_days\":null},\"after_unknown\":{}}}]}");
    assertThat(run("plan", plan.toString()).exit()).isZero();
    assertThat(run("plan", "--fail-on", "medium", plan.toString()).exit()).isEqualTo(1);
    assertThat(run("plan", "--fail-on", "critical", "examples/plans/open-security-group.json").exit()).isEqualTo(1);
  }

  @Test
  void configurationDisablesARuleAndChangesPorts() throws IOException {
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, "version: 1\nrules:\n  SG001: {enabled: false}\nnetwork:\n  admin_ports: [3389]\n");
    Run r = run("plan", "--config", config.toString(), "examples/plans/open-security-group.json");
    assertThat(r.out()).doesNotContain("SG001").doesNotContain("SG002").contains("SG004 aws_security_group.bastion");
    assertThat(r.exit()).isZero();
  }

  @Test
  void anUnreadablePlanFailsTheRunEvenBesideAPassingOne() throws IOException {
    Path broken = tmp.resolve("broken.json");
    Files.writeString(broken, "{\"format_version\":\"1.2\",");
    Run r = run("plan", "examples/plans/safe.json", broken.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out() + r.err()).contains(broken.toString());
  }

  @Test
  void withoutAPlan_isAUsageError() {
    Run r = run("plan");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("PLAN");
  }

  @Test
  void aLogIngestionEstimateOutsideWhatTheConfigurationAccepts_isAUsageErrorNamingTheValue() {
    for (String bad : List.of("Infinity", "1e10", "-1", "NaN")) {
      Run r = run("plan", "examples/plans/open-security-group.json", "--log-ingestion-estimate", bad);
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.err().lines()).as(bad).hasSize(1);
      assertThat(r.err()).as(bad).startsWith("deployguard: --log-ingestion-estimate ")
          .contains("give GB a day, 0 or more and below 1000000000").doesNotContain("Exception");
      assertThat(r.out()).as(bad).doesNotContain("$Infinity");
    }
    assertThat(run("plan", "examples/plans/open-security-group.json", "--log-ingestion-estimate",
        "Infinity").err()).contains("--log-ingestion-estimate Infinity:");
  }

  @Test
  void aSourceRootThatIsNotAFolder_isAUsageErrorNamingIt() {
    Path missing = tmp.resolve("no-such-repo");
    Run r = run("plan", "examples/plans/open-security-group.json", "--source-root", missing.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: --source-root " + missing
        + ": no such folder (give the repository root, e.g. --source-root .)\n");
    Run file = run("plan", "examples/plans/open-security-group.json", "--source-root", "examples/plans/safe.json");
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.err()).contains("--source-root examples/plans/safe.json: not a folder");
    assertThat(file.out()).isEmpty();
  }

  @Test
  void aSourceRootInTheConfigurationThatIsNotAFolder_isAConfigurationErrorNamingItsLine() throws IOException {
    Path config = tmp.resolve("deployguard.yml");
    Files.writeString(config, "version: 1\nsource_root: no-such-repo\n");

    Run r = run("plan", "--config", config.toString(), "examples/plans/open-security-group.json");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: " + config + ":2: source_root: 'no-such-repo' ("
        + tmp.resolve("no-such-repo") + "): no such folder (give the repository root, relative to this file, e.g."
        + " source_root: .)\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void theCatalogueHoldsEveryPlanRuleOnce() {
    List<String> ids = RuleCatalogue.all().stream().map(RuleMetadata::id).toList();
    assertThat(ids).contains("SG001", "SG002", "SG003", "SG004", "SG005", "SG006", "SG007", "SG008", "SG009", "LOG001")
        .doesNotHaveDuplicates();
  }

  @TestFactory
  Stream<DynamicTest> corpusPlansGiveTheirExpectedExitCodeAndFindingsAsJsonThroughTheCommandLine() throws IOException {
    Path dir = Path.of(System.getProperty("deployguard.sharedDir", "../shared"), "corpus", "terraform-plans");
    Path expected = dir.resolve("EXPECTED.tsv");
    RealComponent.require("shared plan corpus", Files.isRegularFile(expected), "expected at " + expected.toAbsolutePath());
    return Files.readAllLines(expected).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t"))
        .map(f -> DynamicTest.dynamicTest(f[0], () -> {
          Run r = run("plan", "--format", "json", dir.resolve(f[0]).toString());
          assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(Integer.parseInt(f[1]));
          // The JSON contract carries the verdict EXPECTED.tsv asks for: rule@address present,
          // nothing at or above HIGH on the addresses that must stay clean.
          com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
          java.util.List<String> reported = new java.util.ArrayList<>();
          java.util.List<String> highOrAbove = new java.util.ArrayList<>();
          for (com.fasterxml.jackson.databind.JsonNode finding : json.get("findings")) {
            reported.add(finding.get("ruleId").asText() + "@" + finding.get("resource").asText());
            String sev = finding.get("severity").asText();
            if (sev.equals("high") || sev.equals("critical")) {
              highOrAbove.add(finding.get("resource").asText());
            }
          }
          if (f.length > 2 && !f[2].isBlank()) {
            assertThat(reported).as(r.out()).contains(f[2].split(";"));
          }
          if (f.length > 3 && !f[3].isBlank()) {
            assertThat(highOrAbove).as(r.out()).doesNotContainAnyElementsOf(java.util.List.of(f[3].split(";")));
          }
          if (f[1].equals("3")) {
            assertThat(json.get("errors")).as(r.out()).isNotEmpty();
          }
        }));
  }
}
