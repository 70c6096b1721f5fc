package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleFixtures;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The alarm rules (ALARM001-ALARM004) on their fixture folders {@code alarms/<RULE>/}: each case
 * is a snapshot of what the alarm checker read, the requirements and the INSUFFICIENT_DATA limit,
 * judged without CloudWatch; {@code expected-findings.txt} lists the rule ids each case gets.
 */
class AlarmRuleFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  /** One case file: what was read, what is required, and how long INSUFFICIENT_DATA may last. */
  record AlarmCase(String defaultRegion, Duration insufficientDataMax, List<AlarmRequirement> requirements,
      AlarmSnapshot snapshot) {}

  static List<RuleFixtures.Case> cases() {
    return RuleFixtures.casesUnder("alarms");
  }

  static List<Finding> judge(RuleFixtures.Case c) throws IOException {
    AlarmCase a = JSON.readValue(c.file().toFile(), AlarmCase.class);
    return AwsRules.judgeAlarms(a.requirements(), a.snapshot(), a.insufficientDataMax(), a.defaultRegion()).findings();
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("cases")
  void snapshotGetsExactlyItsExpectedRules(RuleFixtures.Case c) throws IOException {
    Set<String> ids = judge(c).stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(c.expected());
  }

  @ParameterizedTest(name = "{0} names the requirement in every finding")
  @MethodSource("cases")
  void everyFindingIsKeyedByItsRequirement(RuleFixtures.Case c) throws IOException {
    AlarmCase a = JSON.readValue(c.file().toFile(), AlarmCase.class);
    Set<String> ids = a.requirements().stream().map(AlarmRequirement::id).collect(Collectors.toSet());

    assertThat(judge(c)).allSatisfy(f -> {
      assertThat(ids).contains(f.key());
      assertThat(f.location().input()).isEqualTo("cloudwatch://" + a.defaultRegion());
    });
  }
}
