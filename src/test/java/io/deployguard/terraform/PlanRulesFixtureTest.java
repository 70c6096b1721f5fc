package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleFixtures;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plan rule (SG001-SG010, LOG001) through the whole plan path (reader + rules), pass and
 * fail, on its fixture folder {@code plans/<RULE>/}: one plan per case with one resource, whose
 * exact set of rule ids the folder's {@code expected-findings.txt} lists.
 */
class PlanRulesFixtureTest {

  static List<RuleFixtures.Case> cases() {
    return RuleFixtures.casesUnder("plans");
  }

  private static List<Finding> scan(RuleFixtures.Case c) {
    return PlanScanner.scan(c.file(), NetworkSettings.DEFAULT, LogSettings.DEFAULT);
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("cases")
  void resourceGetsExactlyItsExpectedRules(RuleFixtures.Case c) {
    Set<String> ids = scan(c).stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(c.expected());
  }

  @ParameterizedTest(name = "{0} names only its one resource")
  @MethodSource("cases")
  void noFindingNamesAResourceThatIsNotACase(RuleFixtures.Case c) throws IOException {
    JsonNode changes = new ObjectMapper().readTree(c.file().toFile()).path("resource_changes");

    assertThat(changes).as("one resource per case").hasSize(1);
    String address = changes.get(0).path("address").asText();
    assertThat(scan(c)).allSatisfy(f -> assertThat(f.resource()).isEqualTo(address));
  }

  @Test
  void everyRuleHasAFailingAndAPassingCase() {
    for (String id : List.of("SG001", "SG002", "SG003", "SG004", "SG005", "SG006", "SG007", "SG008", "SG009")) {
      assertThat(cases()).as(id).anySatisfy(c -> assertThat(c.expected()).contains(id));
    }
    assertThat(cases()).filteredOn(c -> !c.fails()).hasSizeGreaterThanOrEqualTo(8);
  }
}
