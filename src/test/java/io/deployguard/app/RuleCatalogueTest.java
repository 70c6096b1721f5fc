package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.RuleFixtures;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole rule catalogue at once (as Checkstyle's {@code AllChecksTest} does): every rule has a
 * unique id, every rule a fixture folder with at least one pass and one fail case, every rule a section in docs/rules.md and a mention in its family's doc, and every fixture folder
 * belongs to a rule. CONTRIBUTING.md's "Adding a rule" names these same places; {@link
 * ContributingRuleExampleTest} holds it to them.
 */
class RuleCatalogueTest {

  /** Where each category's fixture folders live, under src/test/resources. */
  static final Map<String, String> FIXTURES = Map.of(
      "network", "plans",
      "logs", "plans",
      "dockerfile", "dockerfiles",
      "image", "images",
      "capacity", "capacity",
      "alarms", "alarms",
      "policy", "policy",
      "drift", "drift",
      "remediation", "remediation");


  /** Which doc explains each category's rules beside docs/rules.md. */
  static final Map<String, String> FAMILY_DOCS = Map.of(
      "network", "docs/plan-rules.md",
      "logs", "docs/plan-rules.md",
      "dockerfile", "docs/dockerfile-rules.md",
      "image", "docs/image-rules.md",
      "capacity", "docs/configuration.md",
      "alarms", "docs/aws.md",
      "policy", "docs/configuration.md",
      "drift", "docs/aws.md",
      "remediation", "docs/aws.md");


  @Test
  void everyRuleHasAUniqueId() {
    List<String> ids = RuleCatalogue.all().stream().map(RuleMetadata::id).toList();

    int declared = RuleCatalogue.REPORTED_BY_ENGINES.size()
        + RuleCatalogue.RULE_SETS.stream().mapToInt(s -> s.rules().size()).sum();
    assertThat(ids).doesNotHaveDuplicates().hasSize(declared).contains("SG001", "DF001", "IMG001", "ALARM001");
    Set<String> seen = new HashSet<>();
    for (RuleSet<?, ?> s : RuleCatalogue.RULE_SETS) {
      s.ids().forEach(id -> assertThat(seen.add(id)).as(id + " is in one rule set only").isTrue());
    }
    RuleCatalogue.REPORTED_BY_ENGINES.forEach(m -> assertThat(seen.add(m.id())).as(m.id()).isTrue());
  }

  @Test
  void everyRuleHasAFixtureFolderWithAPassAndAFailCase() {
    for (RuleMetadata m : RuleCatalogue.all()) {
      assertThat(FIXTURES).as("fixture root of category " + m.category()).containsKey(m.category());
      Path folder = RuleFixtures.root(FIXTURES.get(m.category())).resolve(m.id());
      assertThat(folder).as(m.id()).isDirectory();
      List<String> names = new RuleFixtures(folder).caseFiles().stream().map(p -> p.getFileName().toString()).toList();
      assertThat(names).as(m.id() + " cases").anyMatch(n -> n.startsWith("pass-")).anyMatch(n -> n.startsWith("fail-"));
    }
  }

  @Test
  void everyFailCaseExpectsItsRuleAndNoPassCaseDoes() {
    for (String root : new TreeSet<>(FIXTURES.values())) {
      for (RuleFixtures f : RuleFixtures.under(root)) {
        if (!Files.exists(f.folder().resolve(RuleFixtures.EXPECTED))) {
          assertThat(root).as(f.folder() + ": only Dockerfile cases say what they expect inside").isEqualTo("dockerfiles");
          continue;
        }
        for (RuleFixtures.Case c : f.cases()) {
          if (c.fails()) {
            assertThat(c.expected()).as(c.toString()).contains(f.ruleId());
          } else {
            assertThat(c.expected()).as(c.toString()).doesNotContain(f.ruleId());
          }
        }
      }
    }
  }

  @Test
  void everyFixtureFolderBelongsToARuleOfItsFamily() {
    Map<String, String> rootOf = RuleCatalogue.all().stream()
        .collect(Collectors.toMap(RuleMetadata::id, m -> FIXTURES.get(m.category())));
    for (String root : new TreeSet<>(FIXTURES.values())) {
      for (RuleFixtures f : RuleFixtures.under(root)) {
        assertThat(rootOf).as(f.folder() + " names a rule of the catalogue").containsKey(f.ruleId());
        assertThat(rootOf.get(f.ruleId())).as(f.folder() + " is under its rule's family").isEqualTo(root);
      }
    }
  }

  @Test
  void everyRuleHasASectionInTheRulesReferenceAndAMentionInItsFamilyDoc() throws IOException {
    String reference = Files.readString(Path.of("docs/rules.md"));
    for (RuleMetadata m : RuleCatalogue.all()) {
      assertThat(reference).as("docs/rules.md").contains("\n## " + m.id() + "\n");
      assertThat(FAMILY_DOCS).as("family doc of category " + m.category()).containsKey(m.category());
      assertThat(Files.readString(Path.of(FAMILY_DOCS.get(m.category())))).as(FAMILY_DOCS.get(m.category()))
          .containsPattern("\\b" + m.id() + "\\b");
    }
  }
}
