package io.deployguard.terraform;

import io.deployguard.policy.Location;
import java.util.List;
import java.util.Objects;

/**
 * An {@code aws_eks_node_group} as planned: what decides how much disk its nodes get.
 *
 * @param address the plan address
 * @param clusterName the cluster it joins, or {@code null} when unknown at plan time
 * @param diskSizeGib {@code disk_size} in GiB, or {@code null} when unset or unknown (EKS then
 *     uses 20 GiB, or the launch template's volume)
 * @param diskSizeUnknown whether {@code disk_size} is known only after apply
 * @param instanceTypes {@code instance_types}, empty when unset or unknown
 * @param launchTemplate the {@code launch_template} block, or {@code null} when there is none
 * @param location where the resource is in the plan
 */
public record EksNodeGroup(
    String address,
    String clusterName,
    Integer diskSizeGib,
    boolean diskSizeUnknown,
    List<String> instanceTypes,
    LaunchTemplateRef launchTemplate,
    Location location) {

  public EksNodeGroup {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(location, "location");
    instanceTypes = List.copyOf(instanceTypes);
  }

  /**
   * A node group's {@code launch_template} block. Each part is {@code null} when unset or known
   * only after apply (typical when the template is created in the same plan).
   */
  public record LaunchTemplateRef(String id, String name, String version) {}
}
