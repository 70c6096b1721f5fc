package io.deployguard.terraform;

import io.deployguard.network.Direction;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Collects the domain records of one plan, resource by resource, from the planned values the
 * reader hands over. Knows which resource types matter so the reader can skip the rest unread.
 */
final class ResourceExtractor {

  /** Resource types whose values are read; every other resource is skipped without a tree. */
  static final Set<String> TYPES = Set.of(
      "aws_security_group", "aws_default_security_group", "aws_security_group_rule",
      "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
      "aws_cloudwatch_log_group", "aws_eks_node_group", "aws_launch_template", "aws_eks_cluster");

  final List<SecurityGroupRule> rules = new ArrayList<>();
  final List<LogGroup> logGroups = new ArrayList<>();
  final List<EksNodeGroup> nodeGroups = new ArrayList<>();
  final List<LaunchTemplate> launchTemplates = new ArrayList<>();
  final List<EksCluster> clusters = new ArrayList<>();

  private final String file;
  private final SecurityGroupExtractor groups;

  ResourceExtractor(String file) {
    this.file = file;
    this.groups = new SecurityGroupExtractor(file, new java.util.HashMap<>());
  }

  /**
   * Adds the records of one resource.
   *
   * @param line the line where the resource starts, or {@code null} when the file is one line
   */
  void add(String type, String address, PlanValue values, Integer line) {
    if (values.emptyKnownObject()) {
      // Read as "no rules" it would pass silently.
      throw values.wrongType("the resource's attributes, as terraform writes them");
    }
    SecurityGroupExtractor sg = groups.at(line);
    switch (type) {
      case "aws_security_group" -> rules.addAll(sg.inline(address, false, values));
      case "aws_default_security_group" -> rules.addAll(sg.inline(address, true, values));
      case "aws_security_group_rule" -> rules.addAll(sg.standalone(address, values));
      case "aws_vpc_security_group_ingress_rule" -> rules.addAll(sg.vpcRule(address, Direction.INGRESS, values));
      case "aws_vpc_security_group_egress_rule" -> rules.addAll(sg.vpcRule(address, Direction.EGRESS, values));
      case "aws_cloudwatch_log_group" -> logGroups.add(logGroup(address, values, line));
      case "aws_eks_node_group" -> nodeGroups.add(nodeGroup(address, values, line));
      case "aws_launch_template" -> launchTemplates.add(launchTemplate(address, values, line));
      case "aws_eks_cluster" -> clusters.add(new EksCluster(address, values.get("name").text(),
          values.get("version").text(), new Location(file, line, null)));
      default -> throw new IllegalArgumentException("not an extracted type: " + type);
    }
  }

  private LogGroup logGroup(String address, PlanValue values, Integer line) {
    PlanValue retention = values.get("retention_in_days");
    if (retention.integer() != null && retention.integer() < 0) {
      throw retention.wrongType("0 (never expire) or a number of days");
    }
    return new LogGroup(address, values.get("name").text(), toInt(retention.integer()), retention.unknown(),
        new Location(file, line, "retention_in_days"));
  }

  private EksNodeGroup nodeGroup(String address, PlanValue values, Integer line) {
    PlanValue disk = values.get("disk_size");
    List<String> types = new ArrayList<>();
    for (PlanValue t : values.get("instance_types").elements()) {
      if (t.text() != null) {
        types.add(t.text());
      }
    }
    EksNodeGroup.LaunchTemplateRef ref = null;
    List<PlanValue> lt = values.get("launch_template").elements();
    if (!lt.isEmpty()) {
      PlanValue b = lt.get(0);
      ref = new EksNodeGroup.LaunchTemplateRef(b.get("id").text(), b.get("name").text(), b.get("version").text());
    }
    return new EksNodeGroup(address, values.get("cluster_name").text(), toInt(disk.integer()), disk.unknown(), types, ref,
        new Location(file, line, null));
  }

  private LaunchTemplate launchTemplate(String address, PlanValue values, Integer line) {
    List<LaunchTemplate.BlockDevice> devices = new ArrayList<>();
    for (PlanValue m : values.get("block_device_mappings").elements()) {
      Integer size = null;
      List<PlanValue> ebs = m.get("ebs").elements();
      if (!ebs.isEmpty()) {
        size = toInt(ebs.get(0).get("volume_size").integer());
      }
      devices.add(new LaunchTemplate.BlockDevice(m.get("device_name").text(), size));
    }
    return new LaunchTemplate(address, values.get("name").text(), devices, new Location(file, line, null));
  }

  private static Integer toInt(Long v) {
    return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }
}
