package io.deployguard.terraform;

import io.deployguard.network.SecurityGroupRule;
import java.util.List;
import java.util.Objects;

/**
 * What deployguard takes from one {@code terraform show -json} plan: the security-group rules
 * that will exist after apply, log groups, and the EKS resources that the node-disk check needs.
 * Deleted resources are absent; unknown values are {@code null} (or flagged) in the records.
 *
 * @param file the plan file as named on the command line
 * @param formatVersion the plan's {@code format_version}
 * @param terraformVersion the {@code terraform_version} that wrote it, or empty
 * @param records the records of the resource types read ({@link ResourceType#ALL}), by slot
 */
public record Plan(String file, String formatVersion, String terraformVersion, PlanRecords records) {

  public Plan {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(formatVersion, "formatVersion");
    terraformVersion = terraformVersion == null ? "" : terraformVersion;
    records = records == null ? PlanRecords.NONE : records;
  }

  /** Every security-group rule, one per source, in document order. */
  public List<SecurityGroupRule> rules() {
    return records.get(PlanRecords.Slot.SECURITY_GROUP_RULES);
  }

  /** {@code aws_cloudwatch_log_group} resources. */
  public List<LogGroup> logGroups() {
    return records.get(PlanRecords.Slot.LOG_GROUPS);
  }

  /** {@code aws_eks_node_group} resources. */
  public List<EksNodeGroup> nodeGroups() {
    return records.get(PlanRecords.Slot.NODE_GROUPS);
  }

  /** {@code aws_launch_template} resources. */
  public List<LaunchTemplate> launchTemplates() {
    return records.get(PlanRecords.Slot.LAUNCH_TEMPLATES);
  }

  /** {@code aws_eks_cluster} resources. */
  public List<EksCluster> clusters() {
    return records.get(PlanRecords.Slot.CLUSTERS);
  }
}
