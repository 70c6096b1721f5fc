package io.deployguard.terraform;

import io.deployguard.network.Direction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Terraform resource type that deployguard reads: its name, the slot of {@link PlanRecords} its
 * records fill, and the extractor that reads them from one resource's planned values. {@link #ALL}
 * is the one list of them: the reader skips every resource of another type without a tree.
 *
 * @param name the Terraform type, e.g. {@code aws_cloudwatch_log_group}
 * @param slot where its records go
 * @param extractor reads the records of one resource
 * @param <T> the record type
 */
record ResourceType<T>(String name, PlanRecords.Slot<T> slot, Extractor<T> extractor) {

  /** Reads the records of one resource of the type. */
  @FunctionalInterface
  interface Extractor<T> {
    List<T> extract(ResourceExtractor.Resource resource);
  }

  /** Every resource type read, in no particular order. */
  static final List<ResourceType<?>> ALL = List.of(
      new ResourceType<>("aws_security_group", PlanRecords.Slot.SECURITY_GROUP_RULES,
          r -> r.groups().inline(r.address(), false, r.values())),
      new ResourceType<>("aws_default_security_group", PlanRecords.Slot.SECURITY_GROUP_RULES,
          r -> r.groups().inline(r.address(), true, r.values())),
      new ResourceType<>("aws_security_group_rule", PlanRecords.Slot.SECURITY_GROUP_RULES,
          r -> r.groups().standalone(r.address(), r.values())),
      new ResourceType<>("aws_vpc_security_group_ingress_rule", PlanRecords.Slot.SECURITY_GROUP_RULES,
          r -> r.groups().vpcRule(r.address(), Direction.INGRESS, r.values())),
      new ResourceType<>("aws_vpc_security_group_egress_rule", PlanRecords.Slot.SECURITY_GROUP_RULES,
          r -> r.groups().vpcRule(r.address(), Direction.EGRESS, r.values())),
      new ResourceType<>("aws_cloudwatch_log_group", PlanRecords.Slot.LOG_GROUPS,
          r -> List.of(ResourceExtractor.logGroup(r))),
      new ResourceType<>("aws_eks_node_group", PlanRecords.Slot.NODE_GROUPS,
          r -> List.of(ResourceExtractor.nodeGroup(r))),
      new ResourceType<>("aws_launch_template", PlanRecords.Slot.LAUNCH_TEMPLATES,
          r -> List.of(ResourceExtractor.launchTemplate(r))),
      new ResourceType<>("aws_eks_cluster", PlanRecords.Slot.CLUSTERS,
          r -> List.of(ResourceExtractor.cluster(r))));

  private static final Map<String, ResourceType<?>> BY_NAME = byName();

  private static Map<String, ResourceType<?>> byName() {
    Map<String, ResourceType<?>> out = new HashMap<>();
    for (ResourceType<?> t : ALL) {
      if (out.put(t.name(), t) != null) {
        throw new IllegalStateException("resource type declared twice: " + t.name());
      }
    }
    return Map.copyOf(out);
  }

  /** The type named {@code name}, or {@code null} when deployguard does not read it. */
  static ResourceType<?> named(String name) {
    return BY_NAME.get(name);
  }
}
