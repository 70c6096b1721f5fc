package io.deployguard.terraform;

import io.deployguard.policy.Location;
import java.util.List;
import java.util.Objects;

/**
 * An {@code aws_launch_template} as planned: its name and block devices.
 *
 * @param address the plan address
 * @param name the template's name, or {@code null} when unknown at plan time or prefixed
 * @param blockDevices the {@code block_device_mappings}, in order
 * @param location where the resource is in the plan
 */
public record LaunchTemplate(String address, String name, List<BlockDevice> blockDevices, Location location) {
  public LaunchTemplate {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(location, "location");
    blockDevices = List.copyOf(blockDevices);
  }

  /**
   * One block device mapping.
   *
   * @param deviceName e.g. {@code /dev/xvda}, or {@code null}
   * @param volumeSizeGib the EBS volume size in GiB, or {@code null} when unset or unknown
   */
  public record BlockDevice(String deviceName, Integer volumeSizeGib) {}
}
