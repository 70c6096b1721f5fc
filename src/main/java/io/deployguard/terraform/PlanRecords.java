package io.deployguard.terraform;

import io.deployguard.network.Origin;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.policy.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

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
    public static final Slot<SecurityGroupRule> SECURITY_GROUP_RULES = new Slot<>("security-group rules", (r, move) -> {
      Origin o = r.origin();
      return new SecurityGroupRule(r.direction(), r.protocol(), r.ports(), r.source(), new Origin(o.resource(), o.groupId(),
          o.groupName(), o.defaultGroup(), o.ruleId(), o.description(), o.tags(), move.apply(o.location())), r.defects());
    });
    /** {@code aws_cloudwatch_log_group} resources. */
    public static final Slot<LogGroup> LOG_GROUPS = new Slot<>("log groups",
        (g, move) -> new LogGroup(g.address(), g.name(), g.retentionInDays(), g.retentionUnknown(), move.apply(g.location())));
    /** {@code aws_eks_node_group} resources. */
    public static final Slot<EksNodeGroup> NODE_GROUPS = new Slot<>("node groups",
        (g, move) -> new EksNodeGroup(g.address(), g.clusterName(), g.diskSizeGib(), g.diskSizeUnknown(), g.instanceTypes(),
            g.launchTemplate(), move.apply(g.location())));
    /** {@code aws_launch_template} resources. */
    public static final Slot<LaunchTemplate> LAUNCH_TEMPLATES = new Slot<>("launch templates",
        (t, move) -> new LaunchTemplate(t.address(), t.name(), t.blockDevices(), move.apply(t.location())));
    /** {@code aws_eks_cluster} resources. */
    public static final Slot<EksCluster> CLUSTERS = new Slot<>("clusters",
        (c, move) -> new EksCluster(c.address(), c.name(), c.version(), move.apply(c.location())));

    /**
     * A record of a slot rebuilt with its location moved: the plan reader reads the end of a large
     * plan in pieces that count their lines from their own start, and moves them afterwards.
     */
    @FunctionalInterface
    interface Moved<T> {
      T record(T record, UnaryOperator<Location> move);
    }

    private final String name;
    private final Moved<T> moved;

    private Slot(String name, Moved<T> moved) {
      this.name = name;
      this.moved = moved;
    }

    /** {@code record}, a record of this slot, with its location moved by {@code move}. */
    @SuppressWarnings("unchecked")
    Object moved(Object record, UnaryOperator<Location> move) {
      return moved.record((T) record, move);
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
