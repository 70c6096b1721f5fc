package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.NetworkRules;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * CONTRIBUTING.md's "Adding a rule" is what the code needs: its family table names each rule set
 * of the catalogue with the fixture folder and doc that {@link RuleCatalogueTest} demands, every
 * path and class it names exists, and its worked example (SG010) is the code, fixtures and docs as
 * they are.
 */
class ContributingRuleExampleTest {

  private static final List<String> PACKAGES = List.of("io.deployguard.network", "io.deployguard.terraform",
      "io.deployguard.docker.dockerfile", "io.deployguard.docker.image", "io.deployguard.capacity",
      "io.deployguard.aws", "io.deployguard.policy");

  private static String section() throws IOException {
    String text = Files.readString(Path.of("CONTRIBUTING.md"));
    int start = text.indexOf("\n## Adding a rule\n");
    assertThat(start).as("CONTRIBUTING.md has '## Adding a rule'").isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  private static Class<?> type(String simpleName) {
    String outer = simpleName.contains(".") ? simpleName.substring(0, simpleName.indexOf('.')) : simpleName;
    String nested = simpleName.contains(".") ? "$" + simpleName.substring(simpleName.indexOf('.') + 1) : "";
    for (String p : PACKAGES) {
      try {
        return Class.forName(p + "." + outer + nested);
      } catch (ClassNotFoundException e) {
        // try the next package
      }
    }
    throw new AssertionError("CONTRIBUTING.md names " + simpleName + ", which is no class of the rule packages");
  }

  private static String unquote(String cell) {
    return cell.trim().replace("`", "");
  }

  @Test
  void familyTableNamesEveryRuleSetWithTheFixtureFolderAndDocTheMetaTestDemands() throws Exception {
    Set<RuleSet<?, ?>> named = new HashSet<>();
    for (String line : section().lines().toList()) {
      if (!line.startsWith("| ") || line.startsWith("| family") || line.startsWith("|---")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String family = unquote(cells[1]);
      String ruleSet = unquote(cells[2]);
      type(unquote(cells[3]));
      int dot = ruleSet.lastIndexOf('.');
      RuleSet<?, ?> set = (RuleSet<?, ?>) type(ruleSet.substring(0, dot)).getField(ruleSet.substring(dot + 1)).get(null);
      assertThat(RuleCatalogue.RULE_SETS).as(ruleSet + " is a rule set of the catalogue").contains(set);
      assertThat(set.metadata()).as(ruleSet + " holds rules of family " + family)
          .allSatisfy(m -> assertThat(m.category()).isEqualTo(family));
      assertThat(unquote(cells[4])).isEqualTo("src/test/resources/" + RuleCatalogueTest.FIXTURES.get(family) + "/");
      assertThat(unquote(cells[5])).isEqualTo(RuleCatalogueTest.FAMILY_DOCS.get(family));
      named.add(set);
    }
    assertThat(named).as("every rule set of the catalogue is in the table").hasSameSizeAs(RuleCatalogue.RULE_SETS);
  }

  @Test
  void everyPathAndClassTheSectionNamesExists() throws IOException {
    Matcher m = Pattern.compile("`([^`\\s]+)`").matcher(section());
    List<String> paths = new ArrayList<>();
    while (m.find()) {
      String token = m.group(1);
      if ((token.startsWith("src/") || token.startsWith("docs/")) && !token.contains("<")) {
        paths.add(token);
        assertThat(Path.of(token)).as(token).exists();
      } else if (token.matches("[A-Z][A-Za-z]+(Test|Rule|Rules|Protocol|Base)") || token.equals("Rule.Base")) {
        if (token.endsWith("Test")) {
          assertThat(Path.of("src/test/java")).as(token)
              .isDirectoryRecursivelyContaining("glob:**/" + token + ".java");
        } else {
          type(token);
        }
      }
    }
    assertThat(paths).as("the section names real paths").hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void workedExampleIsSg010AsItIs() throws IOException {
    String section = section();
    RuleMetadata sg010 = NetworkRules.RULES.metadata().stream().filter(r -> r.id().equals("SG010")).findFirst()
        .orElseThrow();
    List<String> blocks = codeBlocks(section);

    String java = blocks.stream().filter(b -> b.contains("class PortlessProtocol")).findFirst().orElseThrow();
    String source = Files.readString(Path.of("src/main/java/io/deployguard/network/PortlessProtocol.java"));
    for (String line : java.lines().map(String::strip).toList()) {
      if (!line.isEmpty() && !line.contains("...")) {
        assertThat(source).as("PortlessProtocol.java has the example's line").contains(line);
      }
    }
    assertThat(java).contains("\"" + sg010.title() + "\"", "Severity." + sg010.defaultSeverity(),
        "\"" + sg010.category() + "\"");
    assertThat(NetworkRules.RULES.rules().get(NetworkRules.RULES.rules().size() - 1).metadata()).as("the last entry")
        .isEqualTo(sg010);

    String expected = blocks.stream().filter(b -> b.contains("fail-gre-from-the-world.json:")).findFirst().orElseThrow();
    List<String> actual = Files.readAllLines(Path.of("src/test/resources/plans/SG010/expected-findings.txt")).stream()
        .filter(l -> !l.startsWith("#")).toList();
    assertThat(expected.lines().map(String::strip).toList()).isEqualTo(actual.stream().map(String::strip).toList());

    assertThat(Files.readString(Path.of("docs/plan-rules.md"))).contains("## SG010: protocols without ports");
    assertThat(section).contains("-Ddeployguard.regenerate=true", "-Dtest=ReadmeTest");
  }

  private static List<String> codeBlocks(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1).lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse(""));
    }
    return out;
  }
}
