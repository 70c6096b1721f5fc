package io.deployguard.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Builds security-group scenarios in moto and lists what is there, for before/after comparisons. */
public final class MotoEc2 {
  private final Ec2Client ec2;
  private final String vpcId;

  public MotoEc2(Ec2Client ec2) {
    this.ec2 = ec2;
    this.vpcId = ec2.createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();
  }

  /** Resets the shared moto server and sets up a VPC in its default region. */
  public static MotoEc2 freshAccount() {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    return new MotoEc2(moto.clients().ec2(MotoServer.REGION));
  }

  /** The client this account was set up with. */
  public Ec2Client ec2() {
    return ec2;
  }

  public String vpcId() {
    return vpcId;
  }

  public String group(String name, Map<String, String> tags) {
    return ec2.createSecurityGroup(r -> {
      r.groupName(name).description(name).vpcId(vpcId);
      if (!tags.isEmpty()) {
        r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP).tags(tags(tags)).build());
      }
    }).groupId();
  }

  public String group(String name) {
    return group(name, Map.of());
  }

  /** Adds one ingress rule and returns its {@code sgr-} id. */
  public String ingress(String groupId, IpPermission permission, Map<String, String> ruleTags) {
    return ec2.authorizeSecurityGroupIngress(r -> {
      r.groupId(groupId).ipPermissions(permission);
      if (!ruleTags.isEmpty()) {
        r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.SECURITY_GROUP_RULE)
            .tags(tags(ruleTags)).build());
      }
    }).securityGroupRules().get(0).securityGroupRuleId();
  }

  public String ingress(String groupId, IpPermission permission) {
    return ingress(groupId, permission, Map.of());
  }

  public static IpPermission tcpFromCidr(int from, int to, String cidr) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to)
        .ipRanges(r -> r.cidrIp(cidr)).build();
  }

  public static IpPermission allFromCidr(String cidr) {
    return IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp(cidr)).build();
  }

  public static IpPermission tcpFromIpv6(int from, int to, String cidr) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(from).toPort(to)
        .ipv6Ranges(r -> r.cidrIpv6(cidr)).build();
  }

  public static IpPermission tcpFromGroup(int port, String groupId) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .userIdGroupPairs(p -> p.groupId(groupId)).build();
  }

  public static IpPermission tcpFromPrefixList(int port, String prefixListId) {
    return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
        .prefixListIds(p -> p.prefixListId(prefixListId)).build();
  }

  public String prefixList(String name) {
    return ec2.createManagedPrefixList(r -> r.prefixListName(name).maxEntries(5).addressFamily("IPv4"))
        .prefixList().prefixListId();
  }

  /** rule id -> {@code ingress|egress protocol from-to source}, for every rule of the VPC's groups. */
  public Map<String, String> listing() {
    Map<String, String> out = new TreeMap<>();
    List<String> groups = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
        .securityGroups().stream().map(g -> g.groupId()).toList();
    for (SecurityGroupRule r : ec2.describeSecurityGroupRules(b -> b.filters(
        Filter.builder().name("group-id").values(groups).build())).securityGroupRules()) {
      String src = r.cidrIpv4() != null ? r.cidrIpv4() : r.cidrIpv6() != null ? r.cidrIpv6()
          : r.prefixListId() != null ? r.prefixListId() : r.referencedGroupInfo().groupId();
      out.put(r.securityGroupRuleId(), (r.isEgress() ? "egress " : "ingress ") + r.ipProtocol() + " "
          + r.fromPort() + "-" + r.toPort() + " " + src);
    }
    return out;
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
  }
}
