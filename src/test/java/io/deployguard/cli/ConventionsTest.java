package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line conventions people bring from other tools. */
class ConventionsTest {

  private static final String OPEN = "examples/plans/open-security-group.json";

  @TempDir Path tmp;

  @Test
  void formatsAndSeverities_areCaseInsensitive() throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "JSON", "--fail-on", "CRITICAL", "-o",
        "SARIF=" + tmp.resolve("x.sarif"), OPEN);
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(new ObjectMapper().readTree(r.out()).get("failOn").asText()).isEqualTo("critical");
    assertThat(tmp.resolve("x.sarif")).isNotEmptyFile();
  }

  @Test
  void softFail_isVisibleInTextMarkdownAndJson() throws IOException {
    PlanCommandTest.Run text = PlanCommandTest.run("plan", "--soft-fail", OPEN);
    assertThat(text.exit()).isZero();
    assertThat(text.out().strip().lines().reduce((a, b) -> b).orElseThrow()).endsWith("FAIL (soft fail: exits 0)");

    assertThat(PlanCommandTest.run("plan", "--soft-fail", "-f", "markdown", OPEN).out())
        .startsWith("## deployguard: FAIL (soft fail: does not fail the build)");

    JsonNode json = new ObjectMapper().readTree(PlanCommandTest.run("plan", "--soft-fail", "-f", "json", OPEN).out());
    assertThat(json.get("verdict").asText()).isEqualTo("fail");
    assertThat(json.get("softFail").asBoolean()).isTrue();
    JsonNode hard = new ObjectMapper().readTree(PlanCommandTest.run("plan", "-f", "json", OPEN).out());
    assertThat(hard.get("softFail").asBoolean()).isFalse();
  }

  @Test
  void aRuleIdInTheWrongCase_isSuggestedInItsOwnSpelling() throws IOException {
    Path config = Files.writeString(tmp.resolve("deployguard.yml"),
        "waivers:\n  - rule: sg002\n    resource: x\n    reason: y\n    expires: 2099-01-01\n");
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-c", config.toString(), OPEN);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown rule id 'sg002'; did you mean SG002?");
  }

  @Test
  void anUnknownCommand_namesTheCommands() {
    PlanCommandTest.Run r = PlanCommandTest.run("foo");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).startsWith("deployguard: unknown command 'foo'; commands: plan, dockerfile, image,");
  }
}
