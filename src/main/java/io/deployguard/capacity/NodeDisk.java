package io.deployguard.capacity;

import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Location;
import java.util.Objects;

/**
 * The disk of one node group, as a plan declares it.
 *
 * @param nodeGroup the node group's plan address
 * @param disk the root volume size
 * @param source how the size was found ({@code disk_size}, a launch template's block device
 *     mapping, or the EKS default of 20 GiB)
 * @param location where the node group is declared
 */
public record NodeDisk(String nodeGroup, ByteSize disk, String source, Location location) {
  public NodeDisk {
    Objects.requireNonNull(nodeGroup, "nodeGroup");
    Objects.requireNonNull(disk, "disk");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(location, "location");
  }
}
