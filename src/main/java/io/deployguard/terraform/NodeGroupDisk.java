package io.deployguard.terraform;

import io.deployguard.policy.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The root disk an EKS node group's nodes get, as far as the plan tells: {@code disk_size}, else
 * the launch template's first block device, else the EKS default of 20 GiB.
 *
 * @param nodeGroup the node group's plan address
 * @param gib the size in GiB
 * @param source how the size was found, for messages
 * @param location where the node group is declared
 */
public record NodeGroupDisk(String nodeGroup, int gib, String source, Location location) {

  /** EKS's {@code disk_size} when neither it nor a launch template says otherwise. */
  public static final int EKS_DEFAULT_GIB = 20;

  public NodeGroupDisk {
    Objects.requireNonNull(nodeGroup, "nodeGroup");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
  }

  /**
   * The disk of every node group of the plan whose size can be known before apply. A node group
   * whose size is unknown at plan time is left out (nothing to judge yet).
   */
  public static List<NodeGroupDisk> of(Plan plan) {
    List<NodeGroupDisk> out = new ArrayList<>();
    for (EksNodeGroup g : plan.nodeGroups()) {
      if (g.diskSizeGib() != null) {
        out.add(new NodeGroupDisk(g.address(), g.diskSizeGib(), "disk_size", g.location()));
      } else if (g.diskSizeUnknown()) {
        continue;
      } else if (g.launchTemplate() == null) {
        out.add(new NodeGroupDisk(g.address(), EKS_DEFAULT_GIB, "EKS default", g.location()));
      } else {
        LaunchTemplate lt = template(plan, g.launchTemplate());
        if (lt != null && !lt.blockDevices().isEmpty() && lt.blockDevices().get(0).volumeSizeGib() != null) {
          out.add(new NodeGroupDisk(g.address(), lt.blockDevices().get(0).volumeSizeGib(),
              lt.address() + " block_device_mappings", g.location()));
        }
      }
    }
    return out;
  }

  /**
   * The template a node group names, by name or id; when the reference is only known after
   * apply (the template is created in the same plan) and the plan has exactly one template, that
   * one.
   */
  private static LaunchTemplate template(Plan plan, EksNodeGroup.LaunchTemplateRef ref) {
    for (LaunchTemplate lt : plan.launchTemplates()) {
      if (ref.name() != null && ref.name().equals(lt.name())) {
        return lt;
      }
    }
    if (ref.name() == null && ref.id() == null && plan.launchTemplates().size() == 1) {
      return plan.launchTemplates().get(0);
    }
    return null;
  }
}
