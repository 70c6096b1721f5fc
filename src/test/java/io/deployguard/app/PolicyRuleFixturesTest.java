package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deployguard.policy.Baseline;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Ignore;
import io.deployguard.policy.Location;
import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleFixtures;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import io.deployguard.policy.Waiver;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules the policy engine reports about waivers and suppressions (POL001-POL003) on their
 * fixture folders {@code policy/<RULE>/}: each case is the findings the rules reported, the
 * waivers and suppressions, and the day; {@code expected-findings.txt} lists the rule ids of the
 * findings that still count once the policy is applied.
 */
class PolicyRuleFixturesTest {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

  /** One case file. */
  record PolicyCase(LocalDate today, List<Reported> findings, List<WaiverEntry> waivers, List<IgnoreEntry> ignores) {}

  /** A finding as a rule reported it: of a catalogue rule, on a resource, in an input (at a line). */
  record Reported(String rule, String resource, String input, Integer line) {}

  /** A waiver as deployguard.yml declares it. */
  record WaiverEntry(String rule, String resource, String reason, LocalDate expires) {}

  /** A suppression comment on one line of an input. */
  record IgnoreEntry(String rule, String input, int line, String reason) {}

  static List<RuleFixtures.Case> cases() {
    return RuleFixtures.casesUnder("policy");
  }

  static List<Finding> judge(RuleFixtures.Case c) throws IOException {
    PolicyCase p = JSON.readValue(c.file().toFile(), PolicyCase.class);
    Map<String, RuleMetadata> rules = RuleCatalogue.all().stream()
        .collect(Collectors.toMap(RuleMetadata::id, m -> m));
    List<Finding> raw = new ArrayList<>();
    for (Reported r : p.findings()) {
      raw.add(Finding.builder(rules.get(r.rule())).resource(r.resource()).message(r.rule() + " on " + r.resource())
          .location(r.line() == null ? Location.pointer(r.input(), r.resource()) : Location.at(r.input(), r.line()))
          .build());
    }
    List<Waiver> waivers = new ArrayList<>();
    for (int i = 0; i < p.waivers().size(); i++) {
      WaiverEntry w = p.waivers().get(i);
      waivers.add(new Waiver(w.rule(), w.resource(), w.reason(), w.expires(),
          Location.pointer("deployguard.yml", "waivers[" + i + "]")));
    }
    List<Ignore> ignores = p.ignores().stream().map(i -> new Ignore(i.rule(), i.input(), i.line(), i.line(), i.reason(),
        Location.at(i.input(), i.line()), Finding.Suppression.Kind.INLINE)).toList();
    PolicyEngine engine = new PolicyEngine(new PolicySettings(Severity.HIGH, Map.of(), waivers), Baseline.NONE, p.today());
    return engine.apply(raw, null, ignores);
  }

  @ParameterizedTest(name = "{0} leaves exactly its expected findings counting")
  @MethodSource("cases")
  void policyLeavesExactlyTheExpectedFindingsCounting(RuleFixtures.Case c) throws IOException {
    Set<String> ids = judge(c).stream().filter(f -> !f.suppressed()).map(Finding::ruleId)
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(ids).containsExactlyInAnyOrderElementsOf(c.expected());
  }
}
