package io.deployguard.capacity;

import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Glob;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * EKS001: a node group whose disk cannot hold the images it runs during a rollout. During a
 * rolling update a node holds the old and the new version of an image at once, so the largest
 * image counts twice, on top of every other image mapped to the group. The budget for images is
 * the disk up to the kubelet's image garbage-collection threshold, less the system reserve. Past
 * it the kubelet deletes images and then evicts pods for disk pressure; evicted pods are
 * rescheduled, pull again and are evicted again.
 */
public final class EvictionRiskRule extends Rule.Base<EvictionRiskRule.Input, EksSettings> {

  public EvictionRiskRule() {
    super(METADATA);
  }

  public static final RuleMetadata METADATA = new RuleMetadata(
      "EKS001",
      "Node disk cannot hold the images it runs during a rollout",
      Severity.HIGH,
      "capacity",
      "When images outgrow the node disk's garbage-collection budget, the kubelet evicts pods for disk"
          + " pressure; they are rescheduled, pull again and are evicted again, and every retry writes logs.",
      "Shrink the images (multi-stage builds, smaller bases) or raise the node group's disk size.");

  /** The node groups of a plan and the images that may run on them. */
  public record Input(List<NodeDisk> nodeGroups, List<ImageFootprint> images) {
    public Input {
      nodeGroups = List.copyOf(nodeGroups);
      images = List.copyOf(images);
    }
  }

  @Override
  public List<Finding> check(Input input, EksSettings settings) {
    List<Finding> out = new ArrayList<>();
    for (NodeDisk node : input.nodeGroups()) {
      List<ImageFootprint> images = imagesFor(node.nodeGroup(), input.images(), settings);
      if (images.isEmpty()) {
        continue;
      }
      ImageFootprint largest = images.stream().max(Comparator.comparingLong(i -> i.size().bytes())).orElseThrow();
      long others = images.stream().mapToLong(i -> i.size().bytes()).sum() - largest.size().bytes();
      long needed = 2 * largest.size().bytes() + others;
      long threshold = Math.multiplyExact(node.disk().bytes(), (long) settings.imageGcHighThresholdPercent()) / 100;
      long budget = threshold - settings.systemReserve().bytes();
      if (needed <= budget) {
        continue;
      }
      String arithmetic = node.disk() + " disk (" + node.source() + ") x " + settings.imageGcHighThresholdPercent()
          + "% image GC threshold - " + settings.systemReserve() + " system reserve = "
          + (budget > 0 ? ByteSize.ofBytes(budget).display() : "nothing")
          + " for images; needed " + ByteSize.ofBytes(needed) + " = 2 x " + largest.size() + " (" + largest.reference()
          + ", old and new version during a rollout)"
          + (images.size() > 1 ? " + " + ByteSize.ofBytes(others) + " for " + (images.size() - 1) + " other image(s)" : "");
      out.add(finding()
          .resource(node.nodeGroup())
          .message("node group " + node.nodeGroup() + " cannot hold its images during a rollout: " + arithmetic)
          .location(node.location())
          .key(node.nodeGroup())
          .detail("disk", node.disk())
          .detail("diskSource", node.source())
          .detail("imageGcHighThresholdPercent", settings.imageGcHighThresholdPercent())
          .detail("systemReserve", settings.systemReserve())
          .detail("budget", ByteSize.ofBytes(Math.max(0, budget)))
          .detail("largestImage", largest.reference())
          .detail("largestImageSize", largest.size())
          .detail("needed", ByteSize.ofBytes(needed))
          .build());
    }
    return out;
  }

  private static List<ImageFootprint> imagesFor(String nodeGroup, List<ImageFootprint> all, EksSettings settings) {
    if (settings.images().isEmpty()) {
      return all;
    }
    List<ImageFootprint> mapped = new ArrayList<>();
    settings.images().forEach((glob, refs) -> {
      if (Glob.of(glob).matches(nodeGroup)) {
        all.stream().filter(i -> refs.contains(i.reference())).filter(i -> !mapped.contains(i)).forEach(mapped::add);
      }
    });
    return mapped;
  }
}
