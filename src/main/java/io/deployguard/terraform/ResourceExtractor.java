package io.deployguard.terraform;

import io.deployguard.policy.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the domain records of one plan, resource by resource, from the planned values the
 * reader hands over, with the extractor of each resource's {@link ResourceType}. Holds what the
 * resources of one plan share (the file, parsed CIDRs).
 */
final class ResourceExtractor {

  /**
   * One resource as its extractor sees it.
   *
   * @param address the plan address
   * @param values its planned values
   * @param line the line where the resource starts, or {@code null} when the file is one line
   * @param file the plan file
   * @param groups the security-group reader, placed at the resource's line
   */
  record Resource(String address, PlanValue values, Integer line, String file, SecurityGroupExtractor groups) {
    /** Where the resource is, pointing at {@code attribute} (or at the resource when null). */
    Location location(String attribute) {
      return new Location(file, line, attribute);
    }
  }

  private final Map<PlanRecords.Slot<?>, List<Object>> collected = new LinkedHashMap<>();
  private final String file;
  private final SecurityGroupExtractor groups;

  ResourceExtractor(String file) {
    this.file = file;
    this.groups = new SecurityGroupExtractor(file, new HashMap<>());
  }

  /**
   * Adds the records of one resource of {@code type}.
   *
   * @param line the line where the resource starts, or {@code null} when the file is one line
   */
  void add(ResourceType<?> type, String address, PlanValue values, Integer line) {
    if (values.emptyKnownObject()) {
      // Read as "no rules" it would pass silently.
      throw values.wrongType("the resource's attributes, as terraform writes them");
    }
    List<?> records = type.extractor().extract(new Resource(address, values, line, file, groups.at(line)));
    collected.computeIfAbsent(type.slot(), s -> new ArrayList<>()).addAll(records);
  }

  /**
   * Adds what {@code later}, which read the resources after this one's, collected, with their
   * lines moved down by {@code linesBefore}: {@code later} read a piece of the file as if it
   * began the file.
   */
  void addAll(ResourceExtractor later, long linesBefore) {
    java.util.function.UnaryOperator<Location> move = l -> moved(l, linesBefore);
    later.collected.forEach((slot, records) -> {
      List<Object> to = collected.computeIfAbsent(slot, s -> new ArrayList<>());
      if (linesBefore == 0) {
        to.addAll(records);
        return;
      }
      for (Object r : records) {
        to.add(slot.moved(r, move));
      }
    });
  }

  /** A line of a piece ({@code null}: its first line) moved down by {@code lines}. */
  private static Location moved(Location l, long lines) {
    return new Location(l.input(), (int) ((l.line() == null ? 1 : l.line()) + lines), l.pointer());
  }

  /** Everything collected so far. */
  PlanRecords records() {
    return PlanRecords.of(collected);
  }

  static EksCluster cluster(Resource r) {
    return new EksCluster(r.address(), r.values().get("name").text(), r.values().get("version").text(), r.location(null));
  }

  static LogGroup logGroup(Resource r) {
    PlanValue retention = r.values().get("retention_in_days");
    if (retention.integer() != null && retention.integer() < 0) {
      throw retention.wrongType("0 (never expire) or a number of days");
    }
    return new LogGroup(r.address(), r.values().get("name").text(), toInt(retention.integer()), retention.unknown(),
        r.location("retention_in_days"));
  }

  static EksNodeGroup nodeGroup(Resource r) {
    PlanValue values = r.values();
    PlanValue disk = values.get("disk_size");
    List<String> types = new ArrayList<>();
    for (PlanValue t : values.get("instance_types").elements()) {
      if (t.text() != null) {
        types.add(t.text());
      }
    }
    EksNodeGroup.LaunchTemplateRef ref = null;
    List<PlanValue> lt = values.get("launch_template").elements();
    if (!lt.isEmpty()) {
      PlanValue b = lt.get(0);
      ref = new EksNodeGroup.LaunchTemplateRef(b.get("id").text(), b.get("name").text(), b.get("version").text());
    }
    return new EksNodeGroup(r.address(), values.get("cluster_name").text(), toInt(disk.integer()), disk.unknown(), types,
        ref, r.location(null));
  }

  static LaunchTemplate launchTemplate(Resource r) {
    List<LaunchTemplate.BlockDevice> devices = new ArrayList<>();
    for (PlanValue m : r.values().get("block_device_mappings").elements()) {
      Integer size = null;
      List<PlanValue> ebs = m.get("ebs").elements();
      if (!ebs.isEmpty()) {
        size = toInt(ebs.get(0).get("volume_size").integer());
      }
      devices.add(new LaunchTemplate.BlockDevice(m.get("device_name").text(), size));
    }
    return new LaunchTemplate(r.address(), r.values().get("name").text(), devices, r.location(null));
  }

  private static Integer toInt(Long v) {
    return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }
}
