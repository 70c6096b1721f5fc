package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.NetworkSettings;
import io.deployguard.policy.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every SG rule through the whole plan path (reader + rules), pass and fail, on {@code
 * plans/rules.json}: one resource per case, whose exact set of rule ids is listed here.
 */
class PlanRulesFixtureTest {

  private static Map<String, Set<String>> byAddress;

  @BeforeAll
  static void scan() {
    List<Finding> findings = PlanScanner.scan(PlanFixtures.path("rules.json"), NetworkSettings.DEFAULT, LogSettings.DEFAULT);
    byAddress = findings.stream().collect(Collectors.groupingBy(Finding::resource, TreeMap::new,
        Collectors.mapping(Finding::ruleId, Collectors.toCollection(TreeSet::new))));
  }

  static List<Arguments> cases() {
    return List.of(
        Arguments.of("aws_security_group.sg001_fail_protocol_minus1", Set.of("SG001")),
        Arguments.of("aws_security_group.sg001_fail_protocol_all_ipv6", Set.of("SG001")),
        Arguments.of("aws_security_group_rule.sg001_fail_tcp_0_65535", Set.of("SG001")),
        Arguments.of("aws_security_group_rule.sg001_fail_udp_1_65535", Set.of("SG001")),
        Arguments.of("aws_security_group_rule.sg001_pass_tcp_2_65535", Set.of("SG002", "SG003", "SG004")),
        Arguments.of("aws_security_group.sg001_pass_all_from_private", Set.of()),
        Arguments.of("aws_security_group.sg002_fail_ssh", Set.of("SG002")),
        Arguments.of("aws_security_group.sg002_fail_rdp_ipv6_long_spelling", Set.of("SG002")),
        Arguments.of("aws_security_group.sg002_fail_range_20_25", Set.of("SG002", "SG003", "SG004")),
        Arguments.of("aws_security_group.sg002_pass_ssh_from_private", Set.of()),
        Arguments.of("aws_security_group.sg002_pass_ssh_from_group", Set.of()),
        Arguments.of("aws_security_group.sg003_fail_redis_protocol_number", Set.of("SG003")),
        Arguments.of("aws_security_group.sg003_fail_memcached_udp", Set.of("SG003")),
        Arguments.of("aws_security_group.sg003_pass_https", Set.of()),
        Arguments.of("aws_security_group.sg004_fail_8443", Set.of("SG004")),
        Arguments.of("aws_security_group.sg004_fail_80_to_443", Set.of("SG003", "SG004")),
        Arguments.of("aws_security_group.sg004_pass_http_and_https", Set.of()),
        Arguments.of("aws_security_group.sg005_fail_ssh_from_slash8", Set.of("SG005")),
        Arguments.of("aws_security_group.sg005_fail_postgres_from_wide_ipv6", Set.of("SG005")),
        Arguments.of("aws_security_group.sg005_pass_ssh_from_slash16", Set.of()),
        Arguments.of("aws_security_group.sg005_pass_https_from_slash8", Set.of()),
        Arguments.of("aws_security_group.sg005_pass_ssh_from_rfc1918", Set.of()),
        Arguments.of("aws_security_group.sg006_fail_egress_all", Set.of("SG006")),
        Arguments.of("aws_security_group.sg006_pass_egress_https", Set.of()),
        Arguments.of("aws_default_security_group.sg007_fail", Set.of("SG007")),
        Arguments.of("aws_default_security_group.sg007_pass", Set.of()),
        Arguments.of("aws_security_group_rule.sg008_fail_unknown_cidr", Set.of("SG008")),
        Arguments.of("aws_security_group_rule.sg008_fail_unknown_ports", Set.of("SG008")),
        Arguments.of("aws_vpc_security_group_ingress_rule.sg008_fail_unknown_protocol", Set.of("SG008")),
        Arguments.of("aws_security_group_rule.sg008_pass_unknown_group_source", Set.of()),
        Arguments.of("aws_security_group_rule.sg008_pass_unknown_cidr_on_https", Set.of()),
        Arguments.of("aws_security_group_rule.sg008_pass_unknown_egress", Set.of()),
        Arguments.of("aws_security_group_rule.sg008_pass_unknown_ports_from_private", Set.of()),
        Arguments.of("aws_security_group.sg009_fail_reversed_ports", Set.of("SG003", "SG004", "SG009")),
        Arguments.of("aws_security_group.sg009_fail_unknown_protocol", Set.of("SG009")),
        Arguments.of("aws_security_group_rule.sg009_fail_port_out_of_range", Set.of("SG009")),
        Arguments.of("aws_security_group_rule.sg009_fail_bad_cidr", Set.of("SG009")),
        Arguments.of("aws_vpc_security_group_ingress_rule.vpc_all_traffic_world", Set.of("SG001")),
        Arguments.of("aws_vpc_security_group_ingress_rule.vpc_ssh_ipv6", Set.of("SG002")),
        Arguments.of("aws_vpc_security_group_ingress_rule.vpc_prefix_list", Set.of()),
        Arguments.of("aws_vpc_security_group_ingress_rule.vpc_referenced_group", Set.of()),
        Arguments.of("aws_vpc_security_group_egress_rule.vpc_egress_all_ipv6", Set.of("SG006")),
        Arguments.of("aws_vpc_security_group_ingress_rule.vpc_icmp_world", Set.of()));
  }

  @ParameterizedTest(name = "{0} gets {1}")
  @MethodSource("cases")
  void resourceGetsExactlyItsExpectedRules(String address, Set<String> expected) {
    assertThat(byAddress.getOrDefault(address, new TreeSet<>())).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void everyRuleHasAFailingAndAPassingCase() {
    for (String id : List.of("SG001", "SG002", "SG003", "SG004", "SG005", "SG006", "SG007", "SG008", "SG009")) {
      assertThat(byAddress.values()).as(id).anySatisfy(ids -> assertThat(ids).contains(id));
    }
    assertThat(cases()).filteredOn(a -> ((String) a.get()[0]).contains("_pass")).hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void noFindingNamesAResourceThatIsNotACase() {
    Set<Object> known = cases().stream().map(a -> a.get()[0]).collect(Collectors.toSet());
    assertThat(byAddress.keySet()).allSatisfy(a -> assertThat(known).contains(a));
  }
}
