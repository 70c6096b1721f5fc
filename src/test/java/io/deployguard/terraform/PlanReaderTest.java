package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanReaderTest {

  @TempDir Path tmp;

  private static List<String> described(Plan plan, String address) {
    return plan.rules().stream().filter(r -> r.origin().resource().equals(address)).map(SecurityGroupRule::describe).toList();
  }

  /** A plan on one line whose one resource, {@code aws_security_group.a}, has {@code ingress}. */
  private Path oneLinePlan(String name, String ingress) throws IOException {
    return Files.writeString(tmp.resolve(name), "{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":"
        + "\"aws_security_group.a\",\"mode\":\"managed\",\"type\":\"aws_security_group\",\"change\":{\"actions\":"
        + "[\"create\"],\"after\":{\"name\":\"a\",\"ingress\":" + ingress + "},\"after_unknown\":{}}}]}");
  }

  private static List<String> addresses(Plan plan) {
    return plan.rules().stream().map(r -> r.origin().resource()).distinct().toList();
  }

  @Test
  void countAndForEachInstancesInNestedModules_keepTheirFullAddresses() {
    Plan plan = PlanReader.read(PlanFixtures.path("structure.json"));
    assertThat(addresses(plan)).contains(
        "module.net[\"eu\"].aws_security_group.web[0]",
        "module.net[\"eu\"].aws_security_group.web[1]",
        "module.net[\"us\"].aws_security_group.web[0]",
        "module.net[\"eu\"].module.db.aws_security_group_rule.multi[\"primary\"]");
    assertThat(described(plan, "module.net[\"us\"].aws_security_group.web[0]")).containsExactly("ingress tcp 22 0.0.0.0/0");
  }

  @Test
  void everySourceOfARule_becomesItsOwnRule() {
    Plan plan = PlanReader.read(PlanFixtures.path("structure.json"));
    assertThat(described(plan, "module.net[\"eu\"].module.db.aws_security_group_rule.multi[\"primary\"]")).containsExactly(
        "ingress tcp 5432 10.0.0.0/8", "ingress tcp 5432 192.168.0.0/16", "ingress tcp 5432 fd00::/8",
        "ingress tcp 5432 pl-12345678");
    assertThat(described(plan, "aws_security_group.sources")).containsExactly(
        "ingress tcp 8080 sg-0123456789abcdef0", "ingress tcp 8080 111122223333/sg-0aaaabbbbccccdddd",
        "ingress tcp 8080 self");
  }

  @Test
  void ruleOriginNamesTheFileThePlaceAndTheDescription() {
    Plan plan = PlanReader.read(PlanFixtures.path("structure.json"));
    SecurityGroupRule r = plan.rules().stream()
        .filter(x -> x.origin().resource().equals("module.net[\"eu\"].module.db.aws_security_group_rule.multi[\"primary\"]"))
        .toList().get(2);
    assertThat(r.origin().location().input()).endsWith("structure.json");
    assertThat(r.origin().location().pointer()).isEqualTo("ipv6_cidr_blocks[0]");
    assertThat(r.origin().location().line()).isGreaterThan(1);
    SecurityGroupRule s = plan.rules().stream().filter(x -> x.origin().resource().equals("aws_security_group.sources"))
        .findFirst().orElseThrow();
    assertThat(s.origin().description()).isEqualTo("app traffic");
    assertThat(s.origin().location().pointer()).isEqualTo("ingress[0].security_groups[0]");
    assertThat(s.origin().groupName()).isEqualTo("sources");
  }

  @Test
  void deletedResourcesAndDataSourcesAreLeftOut_replacementsAndUnchangedKept() {
    Plan plan = PlanReader.read(PlanFixtures.path("structure.json"));
    assertThat(addresses(plan))
        .contains("aws_security_group.replaced", "aws_security_group.replaced_destroy_first",
            "aws_security_group.unchanged", "aws_security_group.updated")
        .doesNotContain("aws_security_group.deleted", "aws_security_group.deleted_with_values",
            "data.aws_security_group.existing", "aws_instance.app");
  }

  @Test
  void protocolsAreReadByNameOrNumber() {
    Plan plan = PlanReader.read(PlanFixtures.path("structure.json"));
    assertThat(described(plan, "aws_security_group_rule.protocol_names")).containsExactly("ingress udp 53 10.0.0.0/8");
    assertThat(described(plan, "aws_security_group_rule.protocol_number_17")).containsExactly("ingress udp 53 10.0.0.0/8");
    assertThat(described(plan, "aws_security_group_rule.protocol_icmpv6_58")).containsExactly("ingress icmpv6 - ::/0");
  }

  @Test
  void vpcRulesWithProtocolMinus1HaveNoPortsAndOpenEverything() {
    Plan plan = PlanReader.read(PlanFixtures.path("rules.json"));
    SecurityGroupRule r = plan.rules().stream()
        .filter(x -> x.origin().resource().equals("aws_vpc_security_group_ingress_rule.vpc_all_traffic_world"))
        .findFirst().orElseThrow();
    assertThat(r.protocol().isAll()).isTrue();
    assertThat(r.defects()).isEmpty();
    assertThat(r.describe()).isEqualTo("ingress all all 0.0.0.0/0");
    assertThat(described(plan, "aws_vpc_security_group_ingress_rule.vpc_prefix_list")).containsExactly("ingress tcp 22 pl-0a1b2c3d");
    assertThat(described(plan, "aws_vpc_security_group_ingress_rule.vpc_referenced_group"))
        .containsExactly("ingress tcp 3306 sg-0fedcba9876543210");
    assertThat(described(plan, "aws_vpc_security_group_egress_rule.vpc_egress_all_ipv6")).containsExactly("egress all all ::/0");
  }

  @Test
  void worldSpellingsAreOneNetwork() {
    Plan plan = PlanReader.read(PlanFixtures.path("rules.json"));
    assertThat(plan.rules()).filteredOn(r -> r.origin().resource().contains("ipv6_long_spelling"))
        .singleElement().satisfies(r -> assertThat(r.source()).isEqualTo(Cidr.WORLD_V6));
  }

  @Test
  void defaultGroupRulesAreMarked() {
    Plan plan = PlanReader.read(PlanFixtures.path("rules.json"));
    assertThat(plan.rules()).filteredOn(r -> r.origin().resource().equals("aws_default_security_group.sg007_fail"))
        .singleElement().satisfies(r -> {
          assertThat(r.origin().defaultGroup()).isTrue();
          assertThat(r.source()).isInstanceOf(Source.Self.class);
        });
  }

  @Test
  void malformedRulesCarryDefectsAndTheirWidestReading() {
    Plan plan = PlanReader.read(PlanFixtures.path("rules.json"));
    assertThat(plan.rules()).filteredOn(r -> r.origin().resource().endsWith("sg009_fail_reversed_ports")).singleElement()
        .satisfies(r -> {
          assertThat(r.describe()).isEqualTo("ingress tcp 80-443 0.0.0.0/0");
          assertThat(r.defects()).containsExactly("from_port 443 > to_port 80");
        });
    assertThat(plan.rules()).filteredOn(r -> r.origin().resource().endsWith("sg009_fail_unknown_protocol")).singleElement()
        .satisfies(r -> assertThat(r.protocol().isAll()).isTrue());
    assertThat(plan.rules()).filteredOn(r -> r.origin().resource().endsWith("sg009_fail_port_out_of_range")).singleElement()
        .satisfies(r -> assertThat(r.describe()).isEqualTo("ingress tcp 8000-65535 10.0.0.0/8"));
  }

  @Test
  void unknownValuesBecomeNull_andWhollyComputedRuleListsAreLeftToTheirOwnResources() {
    Plan plan = PlanReader.read(PlanFixtures.path("unknowns.json"));
    assertThat(addresses(plan)).doesNotContain("aws_security_group.computed_rules");
    assertThat(described(plan, "aws_security_group.element_unknown")).containsExactly(
        "ingress tcp 22 0.0.0.0/0", "ingress (unknown protocol) (unknown ports) (unknown source)");
    assertThat(described(plan, "aws_security_group.cidr_element_unknown")).containsExactly(
        "ingress tcp 22 10.0.0.0/8", "ingress tcp 22 (unknown source)");
    assertThat(described(plan, "aws_security_group.group_unknown")).containsExactly("ingress tcp 5432 (known after apply)");
    assertThat(described(plan, "aws_security_group_rule.self_rule")).containsExactly("ingress all all self");
    assertThat(described(plan, "aws_vpc_security_group_ingress_rule.ref_unknown"))
        .containsExactly("ingress tcp 5432 (known after apply)");
  }

  @Test
  void withoutResourceChanges_plannedValuesOfEveryNestedModuleAreRead() {
    Plan plan = PlanReader.read(PlanFixtures.path("planned-values-only.json"));
    assertThat(plan.formatVersion()).isEqualTo("0.1");
    assertThat(plan.terraformVersion()).isEqualTo("0.12.31");
    assertThat(described(plan, "aws_security_group.root")).containsExactly("ingress tcp 22 0.0.0.0/0");
    assertThat(described(plan, "module.a.module.b.aws_security_group.deep[\"x\"]")).containsExactly("ingress all all 0.0.0.0/0");
    // An attribute absent from planned_values is unknown: here the source group's id.
    assertThat(described(plan, "module.a.aws_security_group_rule.computed_source"))
        .containsExactly("ingress tcp 22 (known after apply)");
  }

  @Test
  void resourceChangesWinOverPlannedValuesInWhateverOrderTheyCome() {
    Plan plan = PlanReader.read(PlanFixtures.path("changes-first.json"));
    assertThat(plan.rules()).extracting(SecurityGroupRule::describe).containsExactly("ingress tcp 443 0.0.0.0/0");
  }

  @Test
  void logGroupsAreReadWithTheirRetention() {
    Plan plan = PlanReader.read(PlanFixtures.path("logs-and-eks.json"));
    assertThat(plan.logGroups()).extracting(LogGroup::address).containsExactly(
        "aws_cloudwatch_log_group.never_expires", "aws_cloudwatch_log_group.no_retention",
        "aws_cloudwatch_log_group.thirty_days", "aws_cloudwatch_log_group.computed");
    assertThat(plan.logGroups()).extracting(LogGroup::neverExpires).containsExactly(true, true, false, false);
    assertThat(plan.logGroups().get(2).retentionInDays()).isEqualTo(30);
    assertThat(plan.logGroups().get(3).retentionUnknown()).isTrue();
    assertThat(plan.logGroups().get(0).name()).isEqualTo("/app/never_expires");
  }

  @Test
  void eksClustersNodeGroupsAndLaunchTemplatesAreRead() {
    Plan plan = PlanReader.read(PlanFixtures.path("logs-and-eks.json"));
    assertThat(plan.clusters()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("prod");
      assertThat(c.version()).isEqualTo("1.30");
    });
    assertThat(plan.launchTemplates()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("nodes");
      assertThat(t.blockDevices()).containsExactly(new LaunchTemplate.BlockDevice("/dev/xvda", 50));
    });
    assertThat(plan.nodeGroups()).hasSize(2);
    EksNodeGroup plain = plan.nodeGroups().get(0);
    assertThat(plain.diskSizeGib()).isEqualTo(20);
    assertThat(plain.instanceTypes()).containsExactly("m5.large");
    assertThat(plain.launchTemplate()).isNull();
    EksNodeGroup templated = plan.nodeGroups().get(1);
    assertThat(templated.diskSizeGib()).isNull();
    assertThat(templated.launchTemplate()).isEqualTo(new EksNodeGroup.LaunchTemplateRef(null, "nodes", "1"));
    assertThat(templated.clusterName()).isEqualTo("prod");
  }

  @Test
  void minifiedPlansGiveNoLineNumbers() throws IOException {
    Path p = oneLinePlan("one-line.json", "[{\"cidr_blocks\":[\"0.0.0.0/0\"],\"from_port\":22,\"to_port\":22,"
        + "\"protocol\":\"tcp\",\"self\":false}]");
    Plan plan = PlanReader.read(p);
    assertThat(plan.rules()).singleElement().satisfies(r -> {
      assertThat(r.origin().location().line()).isNull();
      assertThat(r.direction()).isEqualTo(Direction.INGRESS);
    });
  }

  @Test
  void formatVersions0And1AreRead_othersRejected() throws IOException {
    for (String v : List.of("0.1", "0.2", "1.0", "1.2", "1.10")) {
      Path p = tmp.resolve("v" + v + ".json");
      Files.writeString(p, "{\"format_version\":\"" + v + "\",\"planned_values\":{\"root_module\":{}}}");
      assertThat(PlanReader.read(p).formatVersion()).isEqualTo(v);
    }
    Path two = tmp.resolve("v2.json");
    Files.writeString(two, "{\"format_version\":\"2.0\",\"planned_values\":{}}");
    assertThatThrownBy(() -> PlanReader.read(two)).isInstanceOf(InputException.class)
        .hasMessageContaining("format_version 2.0 is not supported");
  }

  @Test
  void aNullInACidrList_isReadAsTheWorldOfItsFamily_namingThePlace() throws IOException {
    Path p = oneLinePlan("null-cidr.json", "[{\"cidr_blocks\":[null],\"ipv6_cidr_blocks\":[null],\"from_port\":22,"
        + "\"to_port\":22,\"protocol\":\"tcp\",\"self\":false}]");
    Plan plan = PlanReader.read(p);
    assertThat(plan.rules()).extracting(SecurityGroupRule::describe)
        .containsExactly("ingress tcp 22 0.0.0.0/0", "ingress tcp 22 ::/0");
    assertThat(plan.rules()).extracting(SecurityGroupRule::defects).containsExactly(
        List.of("ingress[0].cidr_blocks[0] is null; read as 0.0.0.0/0"),
        List.of("ingress[0].ipv6_cidr_blocks[0] is null; read as ::/0"));
  }

  @Test
  void aRuleWrittenTwiceInOneGroup_isOneRule_whileRulesThatDifferInAnyPartStayApart() throws IOException {
    String block = "{\"cidr_blocks\":[\"10.0.0.0/8\",\"10.0.0.0/8\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\"}";
    Path p = oneLinePlan("repeats.json", "[" + block + "," + block
        + ",{\"cidr_blocks\":[\"10.0.0.0/8\"],\"from_port\":22,\"to_port\":23,\"protocol\":\"tcp\"}"
        + ",{\"cidr_blocks\":[\"10.0.0.0/8\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"udp\"}"
        + ",{\"cidr_blocks\":[\"10.0.0.0/9\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\"}"
        + ",{\"cidr_blocks\":[\"10.0.0.0/8\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\",\"self\":true}"
        + ",{\"cidr_blocks\":[\"not-a-cidr\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\"}"
        + ",{\"cidr_blocks\":[\"0.0.0.0/0\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\"}]");
    assertThat(described(PlanReader.read(p), "aws_security_group.a")).containsExactly(
        "ingress tcp 22 10.0.0.0/8", "ingress tcp 22-23 10.0.0.0/8", "ingress udp 22 10.0.0.0/8", "ingress tcp 22 10.0.0.0/9",
        "ingress tcp 22 self", "ingress tcp 22 0.0.0.0/0", "ingress tcp 22 0.0.0.0/0");
  }

  @Test
  void halfASurrogatePairInATextThatIsRead_isAnInputErrorAtItsPlace_aWholePairIsText() throws IOException {
    String rule = "{\"cidr_blocks\":[\"0.0.0.0/0\"],\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\",\"description\":";
    Path lone = oneLinePlan("lone.json", "[" + rule + "\"ssh \\ud800\"}]");
    assertThatThrownBy(() -> PlanReader.read(lone)).isInstanceOf(InputException.class)
        .hasMessageContaining("lone.json").hasMessageContaining("line 1, column")
        .hasMessageContaining("a string holds \\ud800, half of a UTF-16 surrogate pair without its other half");
    Path low = oneLinePlan("low.json", "[" + rule + "\"\\udc00 ssh\"}]");
    assertThatThrownBy(() -> PlanReader.read(low)).isInstanceOf(InputException.class)
        .hasMessageContaining("a string holds \\udc00");
    Path pair = oneLinePlan("pair.json", "[" + rule + "\"ssh \\ud83d\\ude00\"}]");
    assertThat(PlanReader.read(pair).rules().get(0).origin().description()).isEqualTo("ssh \ud83d\ude00");
  }
}
