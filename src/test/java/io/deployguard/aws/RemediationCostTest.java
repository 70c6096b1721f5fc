package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Severity;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

/**
 * Counts the EC2 calls of reading and remediating 1,000 violating ingress rules in 50 groups
 * (recorded from the SDK), against one revoke per rule and one revoke per permission. Writes the
 * table to {@code target/remediation-cost.md}; {@code docs/aws.md} quotes it.
 */
class RemediationCostTest {

  @Test
  void thousandViolatingRulesInFiftyGroups_costOneRevokePerGroup() throws IOException {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    Ec2Client ec2 = moto.clients().ec2(MotoServer.REGION);
    MotoEc2 env = new MotoEc2(ec2);
    int groups = 50;
    int perGroup = 20;
    for (int g = 0; g < groups; g++) {
      String id = env.group(String.format("g%02d", g));
      List<IpPermission> perms = new ArrayList<>();
      for (int i = 0; i < perGroup; i++) {
        // distinct ranges that all cover port 22, each its own permission and rule
        perms.add(MotoEc2.tcpFromCidr(22 - i, 22 + i, "0.0.0.0/0"));
      }
      ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(perms));
    }
    AwsScope scope = new AwsScope(MotoServer.REGION, MotoServer.ACCOUNT);
    AwsCallRecorder.clear();

    List<SecurityGroupRule> rules = new LiveSecurityGroups(ec2, scope)
        .read(new LiveSecurityGroups.Selection(List.of(), List.of(env.vpcId()), Map.of()));
    RemediationReport report = Remediations.run(ec2, scope, rules, true, 1000, LocalDate.of(2026, 6, 1));

    int violating = groups * perGroup;
    long revokes = AwsCallRecorder.count("ec2:RevokeSecurityGroupIngress");
    long ruleCalls = AwsCallRecorder.count("ec2:DescribeSecurityGroupRules");
    long groupCalls = AwsCallRecorder.count("ec2:DescribeSecurityGroups");
    assertThat(report.count(Decision.Outcome.REVOKED)).isEqualTo(violating);
    assertThat(revokes).isEqualTo(groups + 1);
    long rulesRead = rules.size();
    // moto answers in one page; AWS pages at 1,000 (the page size deployguard asks for).
    long rulePagesAtAws = (rulesRead + LiveSecurityGroups.PAGE_SIZE - 1) / LiveSecurityGroups.PAGE_SIZE;
    String table = """
        | approach | describe calls | revoke calls | total |
        |---|---|---|---|
        | deployguard (revoke by rule ids, batched per group, plus one DryRun check) | %d | %d | %d |
        | one revoke per rule | %d | %d | %d |
        | one revoke per permission (Cloud Custodian's remove-permissions) | %d | %d | %d |
        """.formatted(
        rulePagesAtAws + groupCalls, revokes, rulePagesAtAws + groupCalls + revokes,
        rulePagesAtAws + groupCalls, violating, rulePagesAtAws + groupCalls + violating,
        groupCalls, violating, groupCalls + violating);
    String text = "Measured: " + rulesRead + " rules read (" + violating + " violating ingress rules in " + groups
        + " groups, plus each group's default egress rule); calls recorded from the SDK: DescribeSecurityGroupRules "
        + ruleCalls + " (moto does not page; AWS would take " + rulePagesAtAws + " pages of 1,000), DescribeSecurityGroups "
        + groupCalls + ", RevokeSecurityGroupIngress " + revokes + ".\n\n" + table;
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/remediation-cost.md"), text);
    assertThat(ruleCalls).isEqualTo(1);
    assertThat(groupCalls).isEqualTo(1);
  }
}
