package io.deployguard.aws;

import static io.deployguard.testing.MotoEc2.allFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromCidr;
import static io.deployguard.testing.MotoEc2.tcpFromGroup;
import static io.deployguard.testing.MotoEc2.tcpFromIpv6;
import static io.deployguard.testing.MotoEc2.tcpFromPrefixList;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.PortRange;
import io.deployguard.network.Protocol;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.testing.MotoEc2;
import io.deployguard.testing.MotoServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;

class LiveSecurityGroupsTest {
  private Ec2Client ec2;
  private MotoEc2 env;
  private final AwsScope scope = new AwsScope(MotoServer.REGION, MotoServer.ACCOUNT);

  @BeforeEach
  void freshAccount() {
    env = MotoEc2.freshAccount();
    ec2 = env.ec2();
  }

  private SecurityGroupRule only(List<SecurityGroupRule> rules, String ruleId) {
    return rules.stream().filter(r -> r.origin().ruleId().equals(ruleId)).findFirst().orElseThrow();
  }

  @Test
  void everyKindOfSource_isReadAsTheSameDomainValueAPlanWouldGive() {
    String db = env.group("db");
    String web = env.group("web", Map.of("team", "edge", "deployguard:exempt", "group reason"));
    String pl = env.prefixList("office");
    String all = env.ingress(web, allFromCidr("0.0.0.0/0"), Map.of("deployguard:exempt", "rule reason"));
    String v6 = env.ingress(web, tcpFromIpv6(22, 22, "::/0"));
    String prefix = env.ingress(web, tcpFromPrefixList(443, pl));
    String fromGroup = env.ingress(web, tcpFromGroup(5432, db));
    String self = env.ingress(web, tcpFromGroup(8080, web));
    String icmp = env.ingress(web, IpPermission.builder().ipProtocol("icmp").fromPort(8).toPort(0)
        .ipRanges(r -> r.cidrIp("10.0.0.0/8")).build());

    List<SecurityGroupRule> rules = new LiveSecurityGroups(ec2, scope)
        .read(new LiveSecurityGroups.Selection(List.of(web), List.of(), Map.of()));

    SecurityGroupRule a = only(rules, all);
    assertThat(a.direction()).isEqualTo(Direction.INGRESS);
    assertThat(a.protocol()).isEqualTo(Protocol.ALL);
    assertThat(a.effectivePorts()).isEqualTo(PortRange.ALL);
    assertThat(a.source()).isEqualTo(Cidr.WORLD_V4);
    assertThat(a.origin().groupId()).isEqualTo(web);
    assertThat(a.origin().groupName()).isEqualTo("web");
    assertThat(a.origin().resource()).isEqualTo(all);
    assertThat(a.origin().location().input()).isEqualTo("aws://us-east-1/123456789012");
    assertThat(a.origin().location().pointer()).isEqualTo(web);
    assertThat(a.origin().tags()).containsEntry("team", "edge").containsEntry("deployguard:exempt", "rule reason");
    assertThat(only(rules, v6).source()).isEqualTo(Cidr.WORLD_V6);
    assertThat(only(rules, v6).ports()).isEqualTo(PortRange.single(22));
    assertThat(only(rules, v6).origin().tags()).containsEntry("deployguard:exempt", "group reason");
    assertThat(only(rules, prefix).source()).isEqualTo(new Source.PrefixList(pl));
    assertThat(only(rules, fromGroup).source()).isEqualTo(new Source.Group(db));
    assertThat(only(rules, self).source()).isEqualTo(new Source.Self());
    assertThat(only(rules, icmp).protocol()).isEqualTo(Protocol.ICMP);
    assertThat(only(rules, icmp).describe()).isEqualTo("ingress icmp - 10.0.0.0/8");
    assertThat(rules).filteredOn(r -> r.direction() == Direction.EGRESS).hasSize(1);
    assertThat(rules).allSatisfy(r -> assertThat(r.defects()).isEmpty());
  }

  @Test
  void selectionByVpcOrTag_readsOnlyThoseGroups() {
    String tagged = env.group("tagged", Map.of("env", "prod"));
    String other = env.group("other");
    env.ingress(tagged, tcpFromCidr(22, 22, "0.0.0.0/0"));
    env.ingress(other, tcpFromCidr(22, 22, "0.0.0.0/0"));
    LiveSecurityGroups live = new LiveSecurityGroups(ec2, scope);

    List<SecurityGroupRule> byTag = live.read(new LiveSecurityGroups.Selection(List.of(), List.of(), Map.of("env", "prod")));
    List<SecurityGroupRule> byVpc = live.read(new LiveSecurityGroups.Selection(List.of(), List.of(env.vpcId()), Map.of()));

    assertThat(byTag).extracting(r -> r.origin().groupId()).containsOnly(tagged);
    assertThat(byVpc).extracting(r -> r.origin().groupId()).contains(tagged, other)
        .allMatch(g -> !g.isEmpty());
  }

  @Test
  void defaultGroup_isMarkedAsSuch() {
    List<SecurityGroupRule> rules = new LiveSecurityGroups(ec2, scope)
        .read(new LiveSecurityGroups.Selection(List.of(), List.of(env.vpcId()), Map.of()));

    assertThat(rules).filteredOn(r -> "default".equals(r.origin().groupName()))
        .isNotEmpty().allMatch(r -> r.origin().defaultGroup());
  }

  @Test
  void rulesNamedById_areReadAndMissingOnesAreAbsent() {
    String g = env.group("g");
    String ssh = env.ingress(g, tcpFromCidr(22, 22, "0.0.0.0/0"));

    List<SecurityGroupRule> rules = new LiveSecurityGroups(ec2, scope).readRules(List.of(ssh, "sgr-0000000000000000"));

    assertThat(rules).extracting(r -> r.origin().ruleId()).containsExactly(ssh);
    assertThat(rules.get(0).origin().groupName()).isEqualTo("g");
  }
}
