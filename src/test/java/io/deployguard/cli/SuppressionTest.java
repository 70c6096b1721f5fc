package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressions where the finding lives, --skip-rule and --rule, through the command line. */
class SuppressionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** The single-stage example with DF001 suppressed at its RUN and DF006 for the whole file. */
  private Path suppressed() throws IOException {
    String text = Files.readString(Path.of("examples/Dockerfile.single-stage"))
        .replace("RUN mvn", "# deployguard:ignore=DF001 the image is rebuilt multi-stage in ORD-12\nRUN mvn")
        .replace("FROM maven", "# deployguard:ignore-file=DF006 runs in a gVisor sandbox\nFROM maven");
    return Files.writeString(tmp.resolve("Dockerfile"), text);
  }

  private static JsonNode json(PlanCommandTest.Run r) throws IOException {
    return JSON.readTree(r.out());
  }

  private static List<String> summary(JsonNode report) {
    List<String> out = new ArrayList<>();
    report.get("findings").forEach(f -> out.add(f.get("ruleId").asText() + " "
        + (f.get("suppressed").isNull() ? "active" : f.get("suppressed").get("kind").asText() + ": "
            + f.get("suppressed").get("reason").asText())));
    return out;
  }

  @Test
  void dockerfileComments_suppressTheirFindings_withTheirReasons() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("dockerfile", "-f", "json", suppressed().toString());
    assertThat(summary(json(r))).containsExactlyInAnyOrder(
        "DF002 active",
        "DF001 inline: the image is rebuilt multi-stage in ORD-12",
        "DF006 inline: runs in a gVisor sandbox");
    assertThat(json(r).get("summary").get("inline").asInt()).isEqualTo(2);
  }

  @Test
  void everyFormat_reportsTheInlineSuppression() throws IOException {
    Path file = suppressed();
    String sarif = PlanCommandTest.run("dockerfile", "-f", "sarif", file.toString()).out();
    JsonNode results = JSON.readTree(sarif).get("runs").get(0).get("results");
    List<String> inSource = new ArrayList<>();
    results.forEach(res -> {
      if (res.has("suppressions")) {
        JsonNode s = res.get("suppressions").get(0);
        inSource.add(res.get("ruleId").asText() + " " + s.get("kind").asText() + " " + s.get("justification").asText());
      }
    });
    assertThat(inSource).containsExactlyInAnyOrder(
        "DF001 inSource the image is rebuilt multi-stage in ORD-12", "DF006 inSource runs in a gVisor sandbox");

    assertThat(PlanCommandTest.run("dockerfile", file.toString()).out())
        .contains("inline    DF001 ", "(the image is rebuilt multi-stage in ORD-12)", "2 suppressed in source");
    assertThat(PlanCommandTest.run("dockerfile", "-f", "markdown", file.toString()).out())
        .contains("| Suppressed in source | 2 |", "| comment in source | the image is rebuilt multi-stage in ORD-12 |");
    assertThat(PlanCommandTest.run("dockerfile", "-f", "junit", file.toString()).out())
        .contains("<skipped message=\"inline: the image is rebuilt multi-stage in ORD-12\"");
  }

  @Test
  void aSuppressionThatMatchesNothing_isReportedAsPol003_andAMisspeltIdIsAnInputError() throws IOException {
    Path file = Files.writeString(tmp.resolve("Dockerfile"),
        "FROM gcr.io/distroless/static@sha256:" + "a".repeat(64) + "\n# deployguard:ignore=DF003 no cache here\nUSER 10001\n");
    PlanCommandTest.Run r = PlanCommandTest.run("dockerfile", "-f", "json", file.toString());
    JsonNode pol003 = json(r).get("findings").get(0);
    assertThat(pol003.get("ruleId").asText()).isEqualTo("POL003");
    assertThat(pol003.get("message").asText()).isEqualTo("suppression of DF003 at " + file + ":2 matches no finding"
        + " (reason was: no cache here)");

    Files.writeString(file, "FROM alpine\n# deployguard:ignore=DF01 typo\nUSER 1\n");
    PlanCommandTest.Run typo = PlanCommandTest.run("dockerfile", file.toString());
    assertThat(typo.exit()).isEqualTo(3);
    assertThat(typo.out()).contains("line 2: the suppression comment names no rule 'DF01'; did you mean DF001?");
  }

  @Test
  void skipRule_reportsThatRulesFindingsAsSkipped_withTheReason() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("dockerfile", "-f", "json", "--skip-rule", "df002=base image is pinned by"
        + " the platform team", "examples/Dockerfile.single-stage");
    assertThat(summary(json(r))).contains("DF002 skipped: base image is pinned by the platform team", "DF001 active");
    assertThat(PlanCommandTest.run("dockerfile", "--skip-rule", "DF002", "examples/Dockerfile.single-stage").err())
        .isEqualTo("deployguard: --skip-rule DF002: give a reason, e.g. --skip-rule 'DF002=public web tier, reviewed in"
            + " SEC-12'" + System.lineSeparator());
  }

  @Test
  void skipRuleWithoutAnId_asksForIdEqualsReason() {
    PlanCommandTest.Run r = PlanCommandTest.run("dockerfile", "--skip-rule", "=reviewed", "examples/Dockerfile.single-stage");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("deployguard: --skip-rule =reviewed: no rule id before '='; give ID=REASON, e.g."
        + " --skip-rule 'DF001=public web tier, reviewed in SEC-12'" + System.lineSeparator());
  }

  @Test
  void rule_runsOnlyTheRulesGiven_andAnUnknownIdIsAUsageError() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("dockerfile", "-f", "json", "--rule", "DF001", "examples/Dockerfile.single-stage");
    assertThat(summary(json(r))).containsExactly("DF001 active");
    assertThat(json(r).get("summary").get("active").asInt()).isEqualTo(1);

    PlanCommandTest.Run unknown = PlanCommandTest.run("dockerfile", "--rule", "SG002", "examples/Dockerfile.single-stage");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("deployguard: --rule SG002: 'deployguard dockerfile' has no rule 'SG002'")
        .endsWith("(its rules: DF001, DF002, DF003, DF004, DF005, DF006)" + System.lineSeparator());
    assertThat(PlanCommandTest.run("dockerfile", "--rule", "DF01", "examples/Dockerfile.single-stage").err())
        .contains("did you mean DF001?");
  }

  @Test
  void remediate_refusesRuleSelection_becauseItRevokesByTheConfiguration() {
    PlanCommandTest.Run r = PlanCommandTest.run("remediate", "--rule", "SG001", "--region", "eu-west-1");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("deployguard: remediate: --rule and --skip-rule do not apply");
    PlanCommandTest.Run skip = PlanCommandTest.run("remediate", "--skip-rule", "SG001=reviewed", "--region", "eu-west-1");
    assertThat(skip.exit()).isEqualTo(2);
    assertThat(skip.err()).startsWith("deployguard: remediate: --rule and --skip-rule do not apply");
  }

  @Test
  void remediateHelp_doesNotOfferTheRuleSelectionItRefuses_andPostdeployHelpStillDoes() {
    PlanCommandTest.Run remediate = PlanCommandTest.run("remediate", "--help");
    assertThat(remediate.exit()).isZero();
    assertThat(remediate.out()).contains("--apply").doesNotContain("--rule").doesNotContain("--skip-rule");
    assertThat(PlanCommandTest.run("postdeploy", "--help").out()).contains("--rule=ID").contains("--skip-rule=ID=REASON");
  }
}
