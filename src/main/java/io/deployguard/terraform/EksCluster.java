package io.deployguard.terraform;

import io.deployguard.policy.Location;
import java.util.Objects;

/**
 * An {@code aws_eks_cluster} as planned.
 *
 * @param address the plan address
 * @param name the cluster name, or {@code null} when unknown at plan time
 * @param version the Kubernetes version, or {@code null} when unset or unknown
 * @param location where the resource is in the plan
 */
public record EksCluster(String address, String name, String version, Location location) {
  public EksCluster {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(location, "location");
  }
}
