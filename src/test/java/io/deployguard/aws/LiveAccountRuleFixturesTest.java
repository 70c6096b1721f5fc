package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.NetworkRules;
import io.deployguard.network.NetworkSettings;
import io.deployguard.network.Origin;
import io.deployguard.network.PortRange;
import io.deployguard.network.Protocol;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleFixtures;
import java.io.IOException;
import java.nio.file.Files;
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
 * The rules the live-account steps report from what they compared and decided, on their fixture
 * folders: DRIFT001 ({@code drift/<RULE>/}, live rules against the rules a plan declares) and
 * REM001 ({@code remediation/REM001/}, exemption tags of live rules with findings, on 2025-06-15) and
 * REM002 ({@code remediation/REM002/}, the decision table's limit on the live rules of one target).
 * Each case lists rules (and REM002's cases the limit) in a {@code .rules} file; {@code expected-findings.txt} lists the rule ids
 * each case gets.
 */
class LiveAccountRuleFixturesTest {

  private static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

  /** The live and declared rules of one case, and its limit (null: the default). */
  record Rules(List<SecurityGroupRule> live, List<SecurityGroupRule> declared, Integer limit) {}

  static List<RuleFixtures.Case> driftCases() {
    return RuleFixtures.casesUnder("drift");
  }

  static List<RuleFixtures.Case> remediationCases() {
    return RuleFixtures.casesUnder("remediation").stream().filter(c -> c.rule().equals("REM001")).toList();
  }

  static List<RuleFixtures.Case> limitCases() {
    return RuleFixtures.casesUnder("remediation").stream().filter(c -> c.rule().equals("REM002")).toList();
  }

  static Rules read(RuleFixtures.Case c) throws IOException {
    List<SecurityGroupRule> live = new ArrayList<>();
    List<SecurityGroupRule> declared = new ArrayList<>();
    Integer limit = null;
    for (String line : Files.readAllLines(c.file())) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] tagged = line.split(" tag ", 2);
      Map<String, String> tags = tagged.length == 1 ? Map.of()
          : Map.of(tagged[1].substring(0, tagged[1].indexOf('=')), tagged[1].substring(tagged[1].indexOf('=') + 1));
      String[] w = tagged[0].trim().split("\\s+");
      if (w[0].equals("live")) {
        live.add(rule(w, 4, new Origin(w[1], w[2], w[3], false, w[1], "", tags,
            Location.pointer("aws://us-east-1/123456789012", w[2]))));
      } else if (w[0].equals("limit")) {
        limit = Integer.valueOf(w[1]);
      } else if (w[0].equals("declared")) {
        declared.add(rule(w, 3, new Origin(w[1], null, w[2], false, null, "", Map.of(),
            Location.pointer("plan.json", w[1]))));
      } else {
        throw new IllegalArgumentException(c + ": '" + line + "' is neither a live nor a declared rule nor a limit");
      }
    }
    return new Rules(live, declared, limit);
  }

  private static SecurityGroupRule rule(String[] w, int at, Origin origin) {
    String[] ports = w[at + 2].split("-");
    PortRange range = PortRange.of(Integer.parseInt(ports[0]), Integer.parseInt(ports[ports.length - 1]));
    String s = w[at + 3];
    Source source = s.equals("self") ? new Source.Self() : s.startsWith("sg-") ? new Source.Group(s) : Cidr.parse(s);
    return SecurityGroupRule.of(Direction.valueOf(w[at].toUpperCase(java.util.Locale.ROOT)), Protocol.parse(w[at + 1]),
        range, source, origin);
  }

  private static Set<String> ids(List<Finding> findings) {
    return findings.stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("driftCases")
  void driftGetsExactlyItsExpectedRules(RuleFixtures.Case c) throws IOException {
    Rules r = read(c);

    assertThat(ids(Drift.compare(r.live(), r.declared()).findings())).containsExactlyInAnyOrderElementsOf(c.expected());
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("remediationCases")
  void staleExemptionsGetExactlyTheirExpectedRules(RuleFixtures.Case c) throws IOException {
    List<SecurityGroupRule> live = read(c).live();
    List<Finding> raw = NetworkRules.evaluate(live, NetworkSettings.DEFAULT);

    assertThat(ids(DecisionTable.staleExemptions(live, raw, Exemption.DEFAULT_TAG, TODAY)))
        .containsExactlyInAnyOrderElementsOf(c.expected());
  }

  @ParameterizedTest(name = "{0} gets exactly its expected rules")
  @MethodSource("limitCases")
  void theLimitGetsExactlyItsExpectedRules(RuleFixtures.Case c) throws IOException {
    Rules r = read(c);
    RemediateSettings defaults = RemediateSettings.DEFAULT;
    DecisionTable.Settings settings = new DecisionTable.Settings(defaults.revokeAtSeverity(), defaults.exemptTag(),
        r.limit() == null ? defaults.maxRevocations() : r.limit());
    List<Finding> raw = NetworkRules.evaluate(r.live(), NetworkSettings.DEFAULT);

    DecisionTable.Plan plan = DecisionTable.decide(new AwsScope("us-east-1", "123456789012"), r.live(), raw, settings,
        TODAY);

    assertThat(ids(plan.unapplied().limitFinding().stream().toList())).containsExactlyInAnyOrderElementsOf(c.expected());
  }
}
