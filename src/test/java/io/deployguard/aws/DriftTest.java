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
import io.deployguard.policy.Location;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static SecurityGroupRule live(String id, String group, Protocol p, PortRange ports, io.deployguard.network.Source s) {
    return SecurityGroupRule.of(Direction.INGRESS, p, ports, s, new Origin(id, group, "web", false, id, "", Map.of(),
        Location.pointer("aws://us-east-1/123456789012", group)));
  }

  private static SecurityGroupRule declared(String groupName, Protocol p, PortRange ports, io.deployguard.network.Source s) {
    return SecurityGroupRule.of(Direction.INGRESS, p, ports, s, new Origin("aws_security_group.web", null, groupName,
        false, null, "", Map.of(), Location.pointer("plan.json", "x")));
  }

  @Test
  void liveRuleNotInThePlan_isDrift_andDeclaredOnesAreMatched() {
    SecurityGroupRule ssh = live("sgr-1", "sg-1", Protocol.TCP, PortRange.single(22), Cidr.WORLD_V4);
    SecurityGroupRule https = live("sgr-2", "sg-1", Protocol.TCP, PortRange.single(443), Cidr.parse("0:0:0:0:0:0:0:0/0"));

    Drift.Result r = Drift.compare(List.of(ssh, https),
        List.of(declared("web", Protocol.parse("6"), PortRange.single(22), Cidr.parse("0.0.0.0/0"))));

    assertThat(r.findings()).extracting(Finding::resource).containsExactly("sgr-2");
    assertThat(r.declaredBy()).containsEntry("sgr-1", "aws_security_group.web");
  }

  @Test
  void valuesUnknownAtPlanTime_matchAnything_andSelfMatchesTheOwnGroup() {
    SecurityGroupRule self = live("sgr-1", "sg-1", Protocol.TCP, PortRange.single(8080), new Source.Self());
    SecurityGroupRule any = live("sgr-2", "sg-1", Protocol.UDP, PortRange.single(53), Cidr.parse("10.0.0.0/8"));

    Drift.Result r = Drift.compare(List.of(self, any), List.of(
        declared("web", Protocol.TCP, PortRange.single(8080), new Source.Group("sg-1")),
        declared("web", Protocol.UDP, PortRange.single(53), null)));

    assertThat(r.findings()).isEmpty();
  }

  @Test
  void groupsThePlanDoesNotMention_areNotCompared() {
    SecurityGroupRule other = SecurityGroupRule.of(Direction.INGRESS, Protocol.TCP, PortRange.single(22), Cidr.WORLD_V4,
        new Origin("sgr-9", "sg-9", "other", false, "sgr-9", "", Map.of(), Location.of("aws://x")));

    assertThat(Drift.compare(List.of(other), List.of(declared("web", Protocol.TCP, PortRange.single(22), Cidr.WORLD_V4)))
        .findings()).isEmpty();
  }
}
