package io.deployguard.terraform;

import io.deployguard.network.SecurityGroupRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The domain records read from one plan, one list per {@link Slot}: each resource type of {@link
 * ResourceType#ALL} adds what it reads to one slot, in document order.
 */
public final class PlanRecords {

  /**
   * A kind of record that resource types fill.
   *
   * @param <T> the record type
   */
  public static final class Slot<T> {
    /** Security-group rules, one per source, from the five security-group resource types. */
    public static final Slot<SecurityGroupRule> SECURITY_GROUP_RULES = new Slot<>("security-group rules");
    /** {@code aws_cloudwatch_log_group} resources. */
    public static final Slot<LogGroup> LOG_GROUPS = new Slot<>("log groups");
    /** {@code aws_eks_node_group} resources. */
    public static final Slot<EksNodeGroup> NODE_GROUPS = new Slot<>("node groups");
    /** {@code aws_launch_template} resources. */
    public static final Slot<LaunchTemplate> LAUNCH_TEMPLATES = new Slot<>("launch templates");
    /** {@code aws_eks_cluster} resources. */
    public static final Slot<EksCluster> CLUSTERS = new Slot<>("clusters");

    private final String name;

    private Slot(String name) {
      this.name = name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A plan without records. */
  public static final PlanRecords NONE = new PlanRecords(Map.of());

  private final Map<Slot<?>, List<?>> lists;

  private PlanRecords(Map<Slot<?>, List<?>> lists) {
    this.lists = lists;
  }

  /** The records of {@code slot}; empty when the plan has none. */
  @SuppressWarnings("unchecked")
  public <T> List<T> get(Slot<T> slot) {
    return (List<T>) lists.getOrDefault(slot, List.of());
  }

  /** The records collected by the reader, each list copied. */
  static PlanRecords of(Map<Slot<?>, ? extends List<?>> lists) {
    Map<Slot<?>, List<?>> copy = new HashMap<>();
    lists.forEach((slot, records) -> copy.put(slot, List.copyOf(records)));
    return new PlanRecords(Map.copyOf(copy));
  }

  /** These records with those of {@code slot} replaced by {@code records}. */
  public <T> PlanRecords with(Slot<T> slot, List<? extends T> records) {
    Objects.requireNonNull(slot, "slot");
    Map<Slot<?>, List<?>> copy = new HashMap<>(lists);
    copy.put(slot, List.copyOf(records));
    return new PlanRecords(Map.copyOf(copy));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PlanRecords r && nonEmpty(lists).equals(nonEmpty(r.lists));
  }

  @Override
  public int hashCode() {
    return nonEmpty(lists).hashCode();
  }

  @Override
  public String toString() {
    return nonEmpty(lists).toString();
  }

  /** The slots that hold records: an empty list and an absent one are the same. */
  private static Map<Slot<?>, List<?>> nonEmpty(Map<Slot<?>, List<?>> lists) {
    Map<Slot<?>, List<?>> out = new HashMap<>();
    lists.forEach((slot, records) -> {
      if (!records.isEmpty()) {
        out.put(slot, records);
      }
    });
    return out;
  }
}
