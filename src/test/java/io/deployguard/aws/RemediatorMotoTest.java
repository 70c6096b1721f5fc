package io.deployguard.aws;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromGroup;
import static io.deployguard.testing.MotoEc2.tcpFromIpv6;
import static io.deployguard.testing.MotoEc2.tcpFromPrefixList;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Severity;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

class RemediatorMotoTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
  private Ec2Client ec2;
  private MotoEc2 env;
  private final AwsScope scope = new AwsScope(MotoServer.REGION, MotoServer.ACCOUNT);

  @BeforeEach
  void freshAccount() {
    env = MotoEc2.freshAccount();
    ec2 = env.ec2();
  }

  private RemediationReport run(boolean apply, int max) {
    List<SecurityGroupRule> rules = new LiveSecurityGroups(ec2, scope)
        .read(new LiveSecurityGroups.Selection(List.of(), List.of(env.vpcId()), Map.of()));
    return Remediations.run(ec2, scope, rules, apply, max, TODAY);
  }

  private static Map<String, Decision.Outcome> outcomes(RemediationReport report) {
    Map<String, Decision.Outcome> m = new HashMap<>();
    report.decisions().forEach(d -> m.put(d.ruleId(), d.outcome()));
    return m;
  }

  @Test
  void dryRun_reportsTheOpenGroupsAndChangesNothing() {
    String open = env.ingress(env.group("open"), allFromCidr("0.0.0.0/0"));
    String ssh = env.ingress(env.group("ssh"), tcpFromCidr(22, 22, "0.0.0.0/0"));
    String https = env.ingress(env.group("https"), tcpFromCidr(443, 443, "0.0.0.0/0"));
    String priv = env.ingress(env.group("private"), tcpFromCidr(5432, 5432, "10.0.0.0/16"));
    Map<String, String> before = env.listing();

    RemediationReport report = run(false, 10);

    assertThat(env.listing()).isEqualTo(before);
    assertThat(outcomes(report)).containsEntry(open, Decision.Outcome.WOULD_REVOKE)
        .containsEntry(ssh, Decision.Outcome.WOULD_REVOKE)
        .containsEntry(https, Decision.Outcome.KEPT)
        .containsEntry(priv, Decision.Outcome.KEPT);
    assertThat(report.actionable()).extracting(Decision::ruleId).containsExactlyInAnyOrder(open, ssh);
    assertThat(report.applied()).isFalse();
  }

  @Test
  void apply_revokesExactlyTheViolatingIngressRules() {
    String webGroup = env.group("web");
    String open = env.ingress(webGroup, allFromCidr("0.0.0.0/0"));
    String v6 = env.ingress(webGroup, tcpFromIpv6(20, 25, "::/0"));
    String https = env.ingress(webGroup, tcpFromCidr(443, 443, "0.0.0.0/0"));
    String db = env.group("db");
    String fromGroup = env.ingress(db, tcpFromGroup(22, webGroup));
    String prefix = env.ingress(db, tcpFromPrefixList(22, env.prefixList("office")));
    String privateSsh = env.ingress(db, tcpFromCidr(22, 22, "10.0.0.0/8"));
    Map<String, String> before = env.listing();

    RemediationReport report = run(true, 10);

    Map<String, String> expected = new HashMap<>(before);
    expected.remove(open);
    expected.remove(v6);
    assertThat(env.listing()).isEqualTo(expected);
    assertThat(outcomes(report)).containsEntry(open, Decision.Outcome.REVOKED)
        .containsEntry(v6, Decision.Outcome.REVOKED)
        .containsEntry(https, Decision.Outcome.KEPT)
        .containsEntry(fromGroup, Decision.Outcome.KEPT)
        .containsEntry(prefix, Decision.Outcome.KEPT)
        .containsEntry(privateSsh, Decision.Outcome.KEPT);
    assertThat(report.decisions()).filteredOn(d -> d.direction().equals("egress"))
        .allMatch(d -> d.outcome() == Decision.Outcome.KEPT)
        .anyMatch(d -> d.reason().equals("egress rules are reported, not revoked"));
  }

  @Test
  void exemptionTagsOnRuleOrGroup_keepTheRuleUntilTheirDate() {
    String exemptGroup = env.group("poc", Map.of("deployguard:exempt", "PoC for ACME; until=2026-12-31"));
    String byGroup = env.ingress(exemptGroup, tcpFromCidr(22, 22, "0.0.0.0/0"));
    String other = env.group("other");
    String byRule = env.ingress(other, allFromCidr("0.0.0.0/0"), Map.of("deployguard:exempt", "bastion; until=2026-06-01"));
    String expired = env.ingress(other, tcpFromCidr(22, 22, "0.0.0.0/0"),
        Map.of("deployguard:exempt", "old; until=2026-01-31"));
    String malformed = env.ingress(env.group("third"), tcpFromCidr(22, 22, "0.0.0.0/0"),
        Map.of("deployguard:exempt", "typo; until=31/01/2027"));
    String forever = env.ingress(env.group("fourth"), tcpFromCidr(22, 22, "0.0.0.0/0"),
        Map.of("deployguard:exempt", "bastion for ever"));

    RemediationReport report = run(true, 10);

    assertThat(outcomes(report)).containsEntry(byGroup, Decision.Outcome.EXEMPT)
        .containsEntry(byRule, Decision.Outcome.EXEMPT)
        .containsEntry(expired, Decision.Outcome.REVOKED)
        .containsEntry(malformed, Decision.Outcome.REVOKED)
        .containsEntry(forever, Decision.Outcome.REVOKED);
    assertThat(env.listing()).containsKeys(byGroup, byRule).doesNotContainKeys(expired, malformed, forever);
    assertThat(report.decisions()).filteredOn(d -> d.ruleId().equals(expired)).first()
        .satisfies(d -> assertThat(d.reason()).contains("expired on 2026-01-31"));
  }

  @Test
  void limit_revokesTheWorstRulesAcrossGroups_andNamesTheWorstLeftOpen() {
    String a = env.group("a-first");
    String b = env.group("b-second");
    String sshA = env.ingress(a, tcpFromCidr(22, 22, "0.0.0.0/0"));
    String allB = env.ingress(b, allFromCidr("0.0.0.0/0"));
    String sshB = env.ingress(b, tcpFromCidr(20, 30, "0.0.0.0/0"));
    List<String> ssh = java.util.stream.Stream.of(sshA, sshB).sorted().toList();

    RemediationReport report = run(true, 2);

    // TEST001 (all traffic) first, then the TEST002 rule with the lower id; the limit caps rules, not groups.
    assertThat(report.limitReached()).isTrue();
    assertThat(outcomes(report)).containsEntry(allB, Decision.Outcome.REVOKED)
        .containsEntry(ssh.get(0), Decision.Outcome.REVOKED)
        .containsEntry(ssh.get(1), Decision.Outcome.LEFT_OPEN_BY_LIMIT);
    assertThat(env.listing()).doesNotContainKeys(allB, ssh.get(0)).containsKey(ssh.get(1));
    assertThat(report.limitLine()).startsWith("limit reached: --max-revocations 2 left 1 violating rule open")
        .contains("the worst left open: " + ssh.get(1));
  }

  @Test
  void permissionCheck_runsWithDryRunBeforeAnyRevocation() {
    env.ingress(env.group("open"), allFromCidr("0.0.0.0/0"));
    AwsCallRecorder.clear();

    run(true, 10);

    List<String> revokes = AwsCallRecorder.calls().stream().filter(c -> c.endsWith("RevokeSecurityGroupIngress")).toList();
    assertThat(revokes).hasSize(2);
  }
}
