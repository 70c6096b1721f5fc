package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.Origin;
import io.deployguard.network.PortRange;
import io.deployguard.network.Protocol;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decision table row by row, and the order in which the limit takes candidates. */
class DecisionTableTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  private static final AwsScope SCOPE = new AwsScope("eu-west-1", "123456789012");
  private static final RuleMetadata SG001 = rule("SG001", Severity.CRITICAL);
  private static final RuleMetadata SG002 = rule("SG002", Severity.CRITICAL);
  private static final RuleMetadata SG003 = rule("SG003", Severity.HIGH);
  private static final RuleMetadata SG004 = rule("SG004", Severity.MEDIUM);

  private final List<SecurityGroupRule> rules = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();

  private static RuleMetadata rule(String id, Severity s) {
    return new RuleMetadata(id, id, s, "network", "why", "fix");
  }

  /** A live rule {@code id} in {@code group} from {@code source}, with a finding of {@code m} when not null. */
  private String rule(String id, String group, Direction d, Source source, Map<String, String> tags, RuleMetadata m) {
    Origin o = new Origin(id, group, group + "-name", false, id, "", tags, SCOPE.location(group));
    rules.add(SecurityGroupRule.of(d, Protocol.TCP, PortRange.of(22, 22), source, o));
    if (m != null) {
      findings.add(Finding.builder(m).resource(id).message(id + " violates " + m.id()).location(o.location())
          .key(id).build());
    }
    return id;
  }

  private String ingress(String id, String group, String cidr, RuleMetadata m) {
    return rule(id, group, Direction.INGRESS, Cidr.parse(cidr), Map.of(), m);
  }

  private DecisionTable.Plan decide(int max) {
    return DecisionTable.decide(SCOPE, rules, findings, new DecisionTable.Settings(Severity.HIGH,
        Exemption.DEFAULT_TAG, max), TODAY);
  }

  private static Map<String, Decision.Outcome> outcomes(DecisionTable.Plan p) {
    Map<String, Decision.Outcome> m = new HashMap<>();
    p.decisions().forEach(d -> m.put(d.ruleId(), d.outcome()));
    return m;
  }

  @Test
  void eachRowOfTheTable_givesItsOutcome() {
    String clean = ingress("sgr-01", "sg-a", "10.0.0.0/8", null);
    String waived = ingress("sgr-02", "sg-a", "0.0.0.0/0", SG002);
    findings.set(findings.size() - 1, findings.get(findings.size() - 1).withSuppression(
        new Finding.Suppression(Finding.Suppression.Kind.WAIVER, "VPN")));
    String exempt = rule("sgr-03", "sg-a", Direction.INGRESS, Cidr.parse("0.0.0.0/0"),
        Map.of(Exemption.DEFAULT_TAG, "bastion; until=2026-06-01"), SG002);
    String expired = rule("sgr-04", "sg-a", Direction.INGRESS, Cidr.parse("0.0.0.0/0"),
        Map.of(Exemption.DEFAULT_TAG, "poc; until=2026-05-31"), SG002);
    String egress = rule("sgr-05", "sg-a", Direction.EGRESS, Cidr.parse("0.0.0.0/0"), Map.of(), SG001);
    String medium = ingress("sgr-06", "sg-a", "0.0.0.0/0", SG004);
    String baselined = ingress("sgr-07", "sg-a", "0.0.0.0/0", SG003);
    findings.set(findings.size() - 1, findings.get(findings.size() - 1).withSuppression(
        new Finding.Suppression(Finding.Suppression.Kind.BASELINE, "in the baseline")));

    DecisionTable.Plan p = decide(10);

    assertThat(outcomes(p)).containsEntry(clean, Decision.Outcome.KEPT)
        .containsEntry(waived, Decision.Outcome.WAIVED)
        .containsEntry(exempt, Decision.Outcome.EXEMPT)
        .containsEntry(expired, Decision.Outcome.WOULD_REVOKE)
        .containsEntry(egress, Decision.Outcome.KEPT)
        .containsEntry(medium, Decision.Outcome.KEPT)
        // A baseline changes the exit code, never what is revoked.
        .containsEntry(baselined, Decision.Outcome.WOULD_REVOKE);
    assertThat(p.decisions()).filteredOn(d -> d.ruleId().equals(exempt)).first()
        .satisfies(d -> assertThat(d.reason()).startsWith("exempt until 2026-06-01: bastion"));
    assertThat(p.decisions()).filteredOn(d -> d.ruleId().equals(expired)).first()
        .satisfies(d -> assertThat(d.reason()).contains("expired on 2026-05-31"));
    assertThat(DecisionTable.staleExemptions(rules, findings, Exemption.DEFAULT_TAG, TODAY))
        .extracting(Finding::ruleId, Finding::resource).containsExactly(org.assertj.core.groups.Tuple.tuple("REM001",
            expired));
  }

  @Test
  void theLimit_takesTheWorstFirst_bySeverityRuleIdSourceWidthAndId_acrossGroups() {
    String high = ingress("sgr-01", "sg-a", "0.0.0.0/0", SG003);
    String sshNarrow = ingress("sgr-02", "sg-a", "0.0.0.0/1", SG002);
    String sshWide = ingress("sgr-09", "sg-b", "0.0.0.0/0", SG002);
    String allB = ingress("sgr-08", "sg-b", "0.0.0.0/0", SG001);
    String sshWideToo = ingress("sgr-03", "sg-c", "::/0", SG002);
    String medium = ingress("sgr-00", "sg-c", "0.0.0.0/0", SG004);

    DecisionTable.Plan p = decide(3);

    assertThat(p.toRevoke()).extracting(Decision::ruleId).containsExactly(allB, sshWideToo, sshWide);
    assertThat(p.leftOpen()).extracting(Decision::ruleId).containsExactly(sshNarrow, high);
    assertThat(outcomes(p)).containsEntry(high, Decision.Outcome.LEFT_OPEN_BY_LIMIT)
        .containsEntry(medium, Decision.Outcome.KEPT);
    assertThat(p.unapplied().limitLine()).startsWith("limit reached: --max-revocations 3 left 2 violating rules open")
        .contains("the worst left open: " + sshNarrow + " in group sg-a-name (sg-a)");
  }

  @Test
  void aLimitOfZero_leavesEveryCandidateOpen() {
    String ssh = ingress("sgr-01", "sg-a", "0.0.0.0/0", SG002);

    DecisionTable.Plan p = decide(0);

    assertThat(p.toRevoke()).isEmpty();
    assertThat(p.leftOpen()).extracting(Decision::ruleId).containsExactly(ssh);
  }
}
