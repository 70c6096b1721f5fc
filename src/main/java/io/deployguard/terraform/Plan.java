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
 * @param rules every security-group rule, one per source, in document order
 * @param logGroups {@code aws_cloudwatch_log_group} resources
 * @param nodeGroups {@code aws_eks_node_group} resources
 * @param launchTemplates {@code aws_launch_template} resources
 * @param clusters {@code aws_eks_cluster} resources
 */
public record Plan(
    String file,
    String formatVersion,
    String terraformVersion,
    List<SecurityGroupRule> rules,
    List<LogGroup> logGroups,
    List<EksNodeGroup> nodeGroups,
    List<LaunchTemplate> launchTemplates,
    List<EksCluster> clusters) {

  public Plan {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(formatVersion, "formatVersion");
    terraformVersion = terraformVersion == null ? "" : terraformVersion;
    rules = List.copyOf(rules);
    logGroups = List.copyOf(logGroups);
    nodeGroups = List.copyOf(nodeGroups);
    launchTemplates = List.copyOf(launchTemplates);
    clusters = List.copyOf(clusters);
  }
}
