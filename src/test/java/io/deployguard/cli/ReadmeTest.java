package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.RuleCatalogue;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/rules.md say what the code does: the rule table is the output of {@code
 * deployguard rules --format markdown}. Run with {@code -Ddeployguard.regenerate=true} to rewrite
 * them from the catalogue after changing rules.
 */
class ReadmeTest {
  private static final Path README = Path.of("README.md");
  private static final Path RULES = Path.of("docs/rules.md");
  private static final String BEGIN = "<!-- rules:begin -->\n";
  private static final String END = "<!-- rules:end -->";
  private static final boolean REGENERATE = Boolean.getBoolean("deployguard.regenerate");

  private static String rulesAsMarkdown() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"rules", "--format", "markdown"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    assertThat(code).isZero();
    return out.toString();
  }

  @Test
  void readmeRuleTable_isTheOutputOfRulesAsMarkdown() throws IOException {
    String readme = Files.readString(README);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README has " + BEGIN.trim()).isNotNegative();
    assertThat(end).as("README has " + END).isGreaterThan(begin);
    String expected = readme.substring(0, begin + BEGIN.length()) + rulesAsMarkdown() + readme.substring(end);
    if (REGENERATE) {
      Files.writeString(README, expected);
    }
    assertThat(Files.readString(README)).as("README rule table; regenerate with -Ddeployguard.regenerate=true")
        .isEqualTo(expected);
  }

  @Test
  void rulesReference_hasASectionPerRuleOfTheCatalogue() throws IOException {
    String expected = RulesCommand.reference(RuleCatalogue.all());
    if (REGENERATE) {
      Files.createDirectories(RULES.getParent());
      Files.writeString(RULES, expected);
    }
    assertThat(RULES).as("docs/rules.md; regenerate with -Ddeployguard.regenerate=true").hasContent(expected);
    RuleCatalogue.all().forEach(r -> assertThat(expected).contains("\n## " + r.id() + "\n"));
  }

  @Test
  void readmeFirstScreen_hasTheBuildAndRunCommandAndTheTestCommand() throws IOException {
    String firstScreen = Files.readString(README).lines().limit(25).reduce("", (a, b) -> a + b + "\n");
    assertThat(firstScreen).contains(
        "mvn -q -DskipTests package && java -jar target/deployguard-*-all.jar plan examples/plans/open-security-group.json",
        "\nmvn -B verify\n");
  }

  @Test
  void ciScript_runsTheReadmesTestCommand() throws IOException {
    assertThat(Files.readAllLines(Path.of(".ci/run")))
        .anySatisfy(line -> assertThat(line).matches("mvn -B( -ntp)? verify"));
  }
}
