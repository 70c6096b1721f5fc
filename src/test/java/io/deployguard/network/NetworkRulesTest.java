package io.deployguard.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {

  private static final NetworkSettings DEFAULTS = NetworkSettings.DEFAULT;

  private static Origin plan(String address) {
    return Origin.plan(address, "plan.json", "ingress[0]");
  }

  private static SecurityGroupRule ingress(String protocol, int from, int to, String cidr) {
    return SecurityGroupRule.of(Direction.INGRESS, Protocol.parse(protocol), PortRange.of(from, to), Cidr.parse(cidr),
        plan("aws_security_group.x"));
  }

  private static SecurityGroupRule egress(String protocol, int from, int to, String cidr) {
    return SecurityGroupRule.of(Direction.EGRESS, Protocol.parse(protocol), PortRange.of(from, to), Cidr.parse(cidr),
        plan("aws_security_group.x"));
  }

  private static List<String> ids(SecurityGroupRule r) {
    return ids(r, DEFAULTS);
  }

  private static List<String> ids(SecurityGroupRule r, NetworkSettings s) {
    return NetworkRules.evaluate(List.of(r), s).stream().map(Finding::ruleId).toList();
  }

  private static Finding only(String ruleId, SecurityGroupRule r) {
    List<Finding> f = NetworkRules.evaluate(List.of(r), DEFAULTS).stream().filter(x -> x.ruleId().equals(ruleId)).toList();
    assertThat(f).hasSize(1);
    return f.get(0);
  }

  @Test
  void manyRules_judgedOnTwoThreads_getTheFindingsOfOneThreadInTheSameOrder() {
    String[] cidrs = {"0.0.0.0/0", "10.0.0.0/8", "1.0.0.0/8", "0.0.0.0/1", "128.0.0.0/1", "::/0", "2000::/4", "3000::/4"};
    int[][] ports = {{22, 22}, {443, 443}, {0, 65535}, {3389, 3389}, {8000, 8100}};
    List<SecurityGroupRule> rules = new ArrayList<>();
    for (int i = 0; rules.size() < NetworkRules.PARALLEL_FROM + 1001; i++) {
      int[] p = ports[i % ports.length];
      Origin origin = Origin.plan("aws_security_group.g" + i / 3, "plan.json", "ingress[" + i % 3 + "]");
      Direction d = i % 11 == 0 ? Direction.EGRESS : Direction.INGRESS;
      rules.add(SecurityGroupRule.of(d, Protocol.parse(i % 13 == 0 ? "-1" : "tcp"), PortRange.of(p[0], p[1]),
          Cidr.parse(cidrs[i % cidrs.length]), origin));
    }
    List<Finding> expected = NetworkRules.judge(rules, WorldReach.of(rules), DEFAULTS);
    assertThat(expected).extracting(Finding::ruleId).contains("SG001", "SG002", "SG004", "SG006");
    assertThat(NetworkRules.evaluate(rules, DEFAULTS)).isEqualTo(expected);
  }

  @Test
  void catalogueListsSg001ToSg010WithTheDesignSeverities() {
    assertThat(NetworkRules.RULES.metadata()).extracting(RuleMetadata::id)
        .containsExactly("SG001", "SG002", "SG003", "SG004", "SG005", "SG006", "SG007", "SG008", "SG009", "SG010");
    assertThat(NetworkRules.RULES.metadata()).extracting(RuleMetadata::defaultSeverity).containsExactly(
        Severity.CRITICAL, Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.MEDIUM, Severity.INFO,
        Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH, Severity.HIGH);
    assertThat(NetworkRules.RULES.metadata()).allSatisfy(m -> {
      assertThat(m.title()).isNotBlank();
      assertThat(m.rationale()).isNotBlank();
      assertThat(m.fix()).isNotBlank().doesNotContain("\n");
    });
  }

  @Test
  void worldIngressOnAllTraffic_isSg001Alone() {
    assertThat(ids(ingress("-1", 0, 65535, "0.0.0.0/0"))).containsExactly("SG001");
    assertThat(ids(ingress("all", 0, 65535, "::/0"))).containsExactly("SG001");
  }

  @Test
  void worldTcpOrUdpRangeCoveringEveryPort_isSg001() {
    assertThat(ids(ingress("tcp", 0, 65535, "0.0.0.0/0"))).containsExactly("SG001");
    assertThat(ids(ingress("udp", 1, 65535, "0.0.0.0/0"))).containsExactly("SG001");
    assertThat(ids(ingress("6", 1, 65535, "0:0:0:0:0:0:0:0/0"))).containsExactly("SG001");
  }

  @Test
  void worldRangeShortOfEveryPort_isNotSg001ButNamesItsPorts() {
    assertThat(ids(ingress("tcp", 2, 65535, "0.0.0.0/0"))).containsExactly("SG002", "SG003", "SG004");
  }

  @Test
  void allTrafficFromAPrivateNetwork_isNotReported() {
    assertThat(ids(ingress("-1", 0, 65535, "10.0.0.0/8"))).isEmpty();
  }

  @Test
  void worldIngressOnPortRangeCovering22_isReported() {
    Finding f = only("SG002", ingress("tcp", 20, 25, "0.0.0.0/0"));
    assertThat(f.message()).contains("ingress", "tcp", "20-25", "0.0.0.0/0", "port 22");
    assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  void worldIngressOnRdpOverIpv6_isSg002() {
    assertThat(ids(ingress("tcp", 3389, 3389, "::0/0"))).containsExactly("SG002");
  }

  @Test
  void sshFromAPrivateNetwork_isNotReported() {
    assertThat(ids(ingress("tcp", 22, 22, "10.0.0.0/16"))).isEmpty();
  }

  @Test
  void sshFromAnotherGroup_isNotReported() {
    SecurityGroupRule r = SecurityGroupRule.of(Direction.INGRESS, Protocol.TCP, PortRange.single(22),
        new Source.Group("sg-0123"), plan("aws_security_group.x"));
    assertThat(ids(r)).isEmpty();
  }

  @Test
  void worldIngressOnHighRiskPorts_namesEachPort() {
    Finding f = only("SG003", ingress("tcp", 1, 3000, "0.0.0.0/0"));
    assertThat(f.message()).contains("20-21, 23, 25, 110, 135, 143, 445, 1433-1434, 2375-2376, 3000");
    assertThat(f.details()).containsEntry("exposedPorts", "20-21, 23, 25, 110, 135, 143, 445, 1433-1434, 2375-2376, 3000");
  }

  @Test
  void worldUdpOnMemcached_isSg003() {
    assertThat(ids(ingress("udp", 11211, 11211, "0.0.0.0/0"))).containsExactly("SG003");
  }

  @Test
  void worldHttps_isNotReported() {
    assertThat(ids(ingress("tcp", 443, 443, "0.0.0.0/0"))).isEmpty();
    assertThat(ids(ingress("tcp", 80, 80, "::/0"))).isEmpty();
  }

  @Test
  void worldPortOutsideAllowedPublicPorts_isSg004() {
    Finding f = only("SG004", ingress("tcp", 8443, 8443, "0.0.0.0/0"));
    assertThat(f.message()).contains("port 8443").contains("[80, 443]");
  }

  @Test
  void sg004_isReportedOncePerRuleAndSummarisesLongRanges() {
    Finding f = only("SG004", ingress("tcp", 1, 3000, "0.0.0.0/0"));
    assertThat(f.message()).contains("1-19, 24, 26-79").contains("more ranges (2984 ports in all)");
  }

  @Test
  void sg004_leavesAdminAndHighRiskPortsToSg002AndSg003() {
    assertThat(ids(ingress("tcp", 22, 22, "0.0.0.0/0"))).containsExactly("SG002");
    assertThat(ids(ingress("tcp", 3306, 3306, "0.0.0.0/0"))).containsExactly("SG003");
  }

  @Test
  void sg004_cutsAPortListedTwiceInTheSettingsOnce() {
    NetworkSettings s = new NetworkSettings(List.of(80, 443, 3306), null, null, null);
    List<Finding> f = NetworkRules.evaluate(List.of(ingress("tcp", 3300, 3310, "0.0.0.0/0")), s);
    assertThat(f).extracting(Finding::ruleId).containsExactly("SG003", "SG004");
    assertThat(f.get(1).details()).containsEntry("exposedPorts", "3300-3305, 3307-3310");
  }

  @Test
  void allowedPublicPortsComeFromTheSettings() {
    NetworkSettings s = new NetworkSettings(List.of(80, 443, 8443), null, null, null);
    assertThat(ids(ingress("tcp", 8443, 8443, "0.0.0.0/0"), s)).isEmpty();
    NetworkSettings noSsh = new NetworkSettings(null, List.of(3389), null, null);
    assertThat(ids(ingress("tcp", 22, 22, "0.0.0.0/0"), noSsh)).containsExactly("SG004");
  }

  @Test
  void sensitivePortFromAPublicNetworkWiderThanSlash16_isSg005() {
    assertThat(ids(ingress("tcp", 22, 22, "52.0.0.0/8"))).containsExactly("SG005");
    assertThat(ids(ingress("-1", 0, 0, "52.0.0.0/15"))).containsExactly("SG005");
    assertThat(ids(ingress("tcp", 5432, 5432, "2600::/24"))).containsExactly("SG005");
  }

  @Test
  void sg005_passesForSlash16PrivateNetworksAndUnlistedPorts() {
    assertThat(ids(ingress("tcp", 22, 22, "52.95.0.0/16"))).isEmpty();
    assertThat(ids(ingress("tcp", 22, 22, "172.16.0.0/12"))).isEmpty();
    assertThat(ids(ingress("tcp", 22, 22, "100.64.0.0/10"))).isEmpty();
    assertThat(ids(ingress("tcp", 443, 443, "52.0.0.0/8"))).isEmpty();
    assertThat(ids(ingress("tcp", 22, 22, "2600::/40"))).isEmpty();
  }

  @Test
  void sg005_followsTheConfiguredPrefix() {
    NetworkSettings s = new NetworkSettings(null, null, null, 24);
    assertThat(ids(ingress("tcp", 22, 22, "52.95.0.0/20"), s)).containsExactly("SG005");
  }

  @Test
  void worldEgressOnAllTraffic_isInfoSg006() {
    Finding f = only("SG006", egress("-1", 0, 0, "0.0.0.0/0"));
    assertThat(f.severity()).isEqualTo(Severity.INFO);
    assertThat(f.message()).isEqualTo("egress all traffic to 0.0.0.0/0 lets all outbound traffic reach the internet");
    assertThat(ids(egress("tcp", 443, 443, "0.0.0.0/0"))).isEmpty();
    assertThat(ids(egress("-1", 0, 0, "10.0.0.0/8"))).isEmpty();
  }

  @Test
  void egressIsNeverJudgedAsIngress() {
    assertThat(ids(egress("tcp", 22, 22, "0.0.0.0/0"))).isEmpty();
  }

  @Test
  void anyRuleOfTheDefaultGroup_isSg007() {
    Origin o = new Origin("aws_default_security_group.d", null, "default", true, null, "", Map.of(),
        Location.pointer("plan.json", "ingress[0]"));
    SecurityGroupRule r = SecurityGroupRule.of(Direction.INGRESS, Protocol.ALL, PortRange.ALL, new Source.Self(), o);
    assertThat(ids(r)).containsExactly("SG007");
  }

  @Test
  void liveRuleOfAGroupNamedDefault_isSg007AndNamedByItsRuleId() {
    Origin o = new Origin("sgr-0abc", "sg-0123", "default", false, "sgr-0abc", "", Map.of(),
        Location.pointer("aws:123456789012:eu-west-1", "sg-0123"));
    SecurityGroupRule r = SecurityGroupRule.of(Direction.EGRESS, Protocol.TCP, PortRange.single(443), Cidr.parse("10.0.0.0/8"), o);
    Finding f = only("SG007", r);
    assertThat(f.resource()).isEqualTo("sgr-0abc");
    assertThat(f.details()).containsEntry("group", "sg-0123");
  }

  @Test
  void unknownSourceOnAnAdminPort_isSg008() {
    SecurityGroupRule r = new SecurityGroupRule(Direction.INGRESS, Protocol.TCP, PortRange.single(22), null,
        plan("aws_security_group_rule.x"), List.of());
    Finding f = only("SG008", r);
    assertThat(f.message()).contains("(unknown source)").contains("source will be known only after apply");
    assertThat(ids(r)).containsExactly("SG008");
  }

  @Test
  void unknownPortsFromTheWorld_isSg008() {
    SecurityGroupRule r = new SecurityGroupRule(Direction.INGRESS, Protocol.TCP, null, Cidr.WORLD_V4,
        plan("aws_security_group_rule.x"), List.of());
    assertThat(ids(r)).containsExactly("SG008");
  }

  @Test
  void unknownPartsThatCannotBreakThePolicy_areNotReported() {
    SecurityGroupRule https = new SecurityGroupRule(Direction.INGRESS, Protocol.TCP, PortRange.single(443), null,
        plan("aws_security_group_rule.x"), List.of());
    SecurityGroupRule privatePorts = new SecurityGroupRule(Direction.INGRESS, Protocol.TCP, null,
        Cidr.parse("10.0.0.0/8"), plan("aws_security_group_rule.x"), List.of());
    SecurityGroupRule egress = new SecurityGroupRule(Direction.EGRESS, null, null, null,
        plan("aws_security_group_rule.x"), List.of());
    assertThat(ids(https)).isEmpty();
    assertThat(ids(privatePorts)).isEmpty();
    assertThat(ids(egress)).isEmpty();
  }

  @Test
  void malformedRule_isSg009AndItsWidestReadingIsJudgedToo() {
    SecurityGroupRule r = new SecurityGroupRule(Direction.INGRESS, Protocol.ALL, PortRange.ALL, Cidr.WORLD_V4,
        plan("aws_security_group.x"), List.of("protocol 'tcpp' is not an IP protocol; read as all traffic"));
    assertThat(ids(r)).containsExactlyInAnyOrder("SG001", "SG009");
    assertThat(only("SG009", r).message()).contains("tcpp").contains("judged as ingress all traffic from 0.0.0.0/0");
  }

  @Test
  void findingsNameTheRuleAndCarryAStableKey() {
    SecurityGroupRule r = ingress("tcp", 22, 22, "0:0:0:0:0:0:0:0/0");
    Finding f = only("SG002", r);
    assertThat(f.resource()).isEqualTo("aws_security_group.x");
    assertThat(f.location()).isEqualTo(Location.pointer("plan.json", "ingress[0]"));
    assertThat(f.key()).isEqualTo("ingress tcp 22 ::/0").isEqualTo(r.describe());
    assertThat(f.fix()).isEqualTo(WorldListedPort.ADMIN.fix());
    assertThat(f.fingerprint()).isEqualTo(only("SG002", ingress("tcp", 22, 22, "::/0")).fingerprint());
  }

  @Test
  void icmpFromTheWorld_isNotAPortFinding() {
    SecurityGroupRule r = SecurityGroupRule.of(Direction.INGRESS, Protocol.ICMP, PortRange.ALL, Cidr.WORLD_V4,
        plan("aws_security_group.x"));
    assertThat(ids(r)).isEmpty();
  }

  private static List<Finding> evaluate(SecurityGroupRule... rules) {
    return NetworkRules.evaluate(List.of(rules), DEFAULTS);
  }

  @Test
  void twoHalvesOfIpv4OnPort22_areTheWorldAndFailAsSg002() {
    List<Finding> f = evaluate(ingress("tcp", 22, 22, "0.0.0.0/1"), ingress("tcp", 22, 22, "128.0.0.0/1"));
    assertThat(f).extracting(Finding::ruleId).containsExactly("SG002", "SG002");
    assertThat(f.get(0).severity()).isEqualTo(Severity.CRITICAL);
    assertThat(f.get(0).message())
        .isEqualTo("ingress tcp port 22 from 0.0.0.0/1 (with 128.0.0.0/1, reaching 100% of public IPv4 space)"
            + " opens remote-administration port 22 to the internet");
    assertThat(f).extracting(Finding::key).containsExactly("ingress tcp 22 0.0.0.0/1", "ingress tcp 22 128.0.0.0/1");
  }

  @Test
  void twoHalvesOfIpv6_andTheRoutableBlock2000Slash3_areTheWorld() {
    assertThat(evaluate(ingress("tcp", 22, 22, "::/1"), ingress("tcp", 22, 22, "8000::/1")))
        .extracting(Finding::ruleId).containsExactly("SG002", "SG002");
    Finding routable = only("SG002", ingress("tcp", 22, 22, "2000::/3"));
    assertThat(routable.message()).contains("reaching 100% of public IPv6 space 2000::/3");
    assertThat(ids(ingress("tcp", 22, 22, "2000::/3"))).containsExactly("SG002");
  }

  @Test
  void everyPublicPrefixWithoutThePrivateRanges_isTheWorld() {
    // 0.0.0.0/0 minus 10/8, 127/8 and 172.16/12, 192.168/16 and the rest written as prefixes.
    List<String> prefixes = List.of("1.0.0.0/8", "2.0.0.0/7", "4.0.0.0/6", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6",
        "16.0.0.0/4", "32.0.0.0/3", "64.0.0.0/2", "128.0.0.0/3", "160.0.0.0/5", "168.0.0.0/6", "172.0.0.0/12",
        "172.32.0.0/11", "172.64.0.0/10", "172.128.0.0/9", "173.0.0.0/8", "174.0.0.0/7", "176.0.0.0/4",
        "192.0.0.0/9", "192.128.0.0/11", "192.160.0.0/13", "192.169.0.0/16", "192.170.0.0/15", "192.172.0.0/14",
        "192.176.0.0/12", "192.192.0.0/10", "193.0.0.0/8", "194.0.0.0/7", "196.0.0.0/6", "200.0.0.0/5",
        "208.0.0.0/4");
    List<SecurityGroupRule> rules = prefixes.stream().map(p -> ingress("tcp", 3389, 3389, p)).toList();
    List<Finding> f = NetworkRules.evaluate(rules, DEFAULTS);
    assertThat(f).extracting(Finding::ruleId).containsOnly("SG002").hasSize(prefixes.size());
    assertThat(f.get(0).message()).contains("reaching 100% of public IPv4 space");
  }

  @Test
  void aSlashOneAlone_isJudgedAtTheWorldRulesSeverityWithItsShare() {
    Finding low = only("SG002", ingress("tcp", 22, 22, "0.0.0.0/1"));
    assertThat(low.message()).contains("(reaching 56.5% of public IPv4 space)");
    assertThat(low.details()).containsEntry("publicShare", "56.5%");
    Finding high = only("SG002", ingress("tcp", 22, 22, "128.0.0.0/1"));
    assertThat(high.message()).contains("(reaching 43.4% of public IPv4 space)");
    assertThat(ids(ingress("tcp", 22, 22, "128.0.0.0/1"))).containsExactly("SG002");
  }

  @Test
  void lessThanHalfOfThePublicSpaceWithoutASlashOne_staysSg005() {
    assertThat(ids(ingress("tcp", 22, 22, "64.0.0.0/2"))).containsExactly("SG005");
    assertThat(evaluate(ingress("tcp", 22, 22, "0.0.0.0/2"), ingress("tcp", 22, 22, "64.0.0.0/2")))
        .extracting(Finding::ruleId).containsExactly("SG002", "SG002");
  }

  @Test
  void aNarrowSourceBesideSourcesThatReachMostOfThePublicSpace_isJudgedAsTheWorld_amongNarrowSourcesOfOtherGroups() {
    List<SecurityGroupRule> rules = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      rules.add(SecurityGroupRule.of(Direction.INGRESS, Protocol.TCP, PortRange.single(22),
          Cidr.parse("1.2." + i + ".0/24"), plan("aws_security_group.y")));
    }
    rules.add(ingress("tcp", 22, 22, "0.0.0.0/2"));
    rules.add(ingress("tcp", 22, 22, "1.2.3.0/24"));
    rules.add(ingress("tcp", 22, 22, "64.0.0.0/2"));
    List<Finding> f = NetworkRules.evaluate(rules, DEFAULTS);
    assertThat(f).extracting(Finding::ruleId).containsExactly("SG002", "SG002", "SG002");
    assertThat(f).extracting(Finding::resource).containsOnly("aws_security_group.x");
    assertThat(f.get(1).message()).isEqualTo("ingress tcp port 22 from 1.2.3.0/24 (with 0.0.0.0/2, 64.0.0.0/2,"
        + " reaching 56.5% of public IPv4 space) opens remote-administration port 22 to the internet");
  }

  @Test
  void sourcesOfDifferentGroupsOrPorts_doNotAddUp() {
    SecurityGroupRule a = ingress("tcp", 22, 22, "0.0.0.0/2");
    SecurityGroupRule otherGroup = SecurityGroupRule.of(Direction.INGRESS, Protocol.TCP, PortRange.single(22),
        Cidr.parse("64.0.0.0/2"), plan("aws_security_group.y"));
    assertThat(evaluate(a, otherGroup)).extracting(Finding::ruleId).containsExactly("SG005", "SG005");
    assertThat(evaluate(a, ingress("tcp", 23, 23, "64.0.0.0/2"))).extracting(Finding::ruleId)
        .containsExactly("SG005", "SG005");
  }

  @Test
  void protocolsWithoutPortsFromTheWorld_areSg010() {
    for (String p : List.of("47", "132", "50", "51")) {
      Finding f = only("SG010", ingress(p, 0, 65535, "0.0.0.0/0"));
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).contains("protocol " + p);
      assertThat(ids(ingress(p, 0, 65535, "::/0"))).containsExactly("SG010");
    }
    assertThat(ids(ingress("47", 0, 65535, "10.0.0.0/8"))).isEmpty();
    assertThat(ids(ingress("icmp", 0, 65535, "0.0.0.0/0"))).isEmpty();
    assertThat(ids(ingress("icmpv6", 0, 65535, "::/0"))).isEmpty();
    assertThat(evaluate(ingress("47", 0, 65535, "0.0.0.0/1"), ingress("47", 0, 65535, "128.0.0.0/1")))
        .extracting(Finding::ruleId).containsExactly("SG010", "SG010");
  }

  @Test
  void worldEgressSpelledAsTwoHalves_isSg006() {
    assertThat(evaluate(egress("-1", 0, 65535, "0.0.0.0/1"), egress("-1", 0, 65535, "128.0.0.0/1")))
        .extracting(Finding::ruleId).containsExactly("SG006", "SG006");
  }

  @Test
  void liveRulesOfOneGroupThatTogetherReachTheWorld_areJudgedAsTheWorldEachByItsRuleId() {
    java.util.function.BiFunction<String, String, SecurityGroupRule> live = (id, cidr) -> SecurityGroupRule.of(
        Direction.INGRESS, Protocol.TCP, PortRange.single(22), Cidr.parse(cidr),
        new Origin(id, "sg-0abc", "web", false, id, "", Map.of(), Location.of("aws:123456789012/eu-west-1")));
    List<Finding> f = NetworkRules.evaluate(List.of(live.apply("sgr-1", "0.0.0.0/1"), live.apply("sgr-2", "128.0.0.0/1")),
        DEFAULTS);
    assertThat(f).extracting(Finding::ruleId).containsExactly("SG002", "SG002");
    assertThat(f).extracting(Finding::resource).containsExactly("sgr-1", "sgr-2");
  }
}
