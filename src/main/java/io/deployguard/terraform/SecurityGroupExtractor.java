package io.deployguard.terraform;

import io.deployguard.network.Cidr;
import io.deployguard.network.Direction;
import io.deployguard.network.Origin;
import io.deployguard.network.PortRange;
import io.deployguard.network.Protocol;
import io.deployguard.network.SecurityGroupRule;
import io.deployguard.network.Source;
import io.deployguard.policy.Location;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the planned values of the five security-group resource types into {@link
 * SecurityGroupRule}s, one per source. Unknown parts become {@code null}; malformed parts become
 * defects with the widest reading (unknown protocol as all traffic, reversed ports swapped,
 * out-of-range ports clamped, a bad CIDR as the world of its family).
 */
final class SecurityGroupExtractor {

  /** The id shown for a group or prefix list whose id is known only after apply. */
  static final String KNOWN_AFTER_APPLY = "(known after apply)";

  private final String file;
  private final Map<String, Cidr> cidrs;
  private Integer line;

  /**
   * @param cidrs parsed CIDRs by their text, shared across the resources of one plan: plans
   *     repeat the same few networks thousands of times
   */
  SecurityGroupExtractor(String file, Map<String, Cidr> cidrs) {
    this.file = file;
    this.cidrs = cidrs;
  }

  /** The line of the resource whose rules are extracted next, or {@code null}. */
  SecurityGroupExtractor at(Integer resourceLine) {
    this.line = resourceLine;
    return this;
  }

  /** {@code aws_security_group} and {@code aws_default_security_group}: inline rules. */
  List<SecurityGroupRule> inline(String address, boolean defaultGroup, PlanValue values) {
    String name = values.get("name").text();
    if (defaultGroup && name == null) {
      name = "default";
    }
    List<SecurityGroupRule> out = new ArrayList<>();
    for (Direction d : DIRECTIONS) {
      PlanValue blocks = values.get(d.lowerName());
      // A whole ingress/egress list unknown is how terraform shows a group whose rules are not
      // written inline (computed from standalone rules); those rules are read from their own
      // resources.
      if (blocks.unknown()) {
        continue;
      }
      for (PlanValue block : blocks.elements()) {
        if (block.isNull()) {
          // Terraform never writes a null rule block; reading it as no rule would pass silently.
          throw block.wrongType("a rule block");
        }
        Parts parts = parts(block.get("protocol"), block.get("from_port"), block.get("to_port"));
        List<Found> sources = new ArrayList<>();
        if (block.unknown()) {
          // Nothing of the block is known: one rule, wholly unknown.
          sources.add(new Found(null, block.path(), List.of()));
          emit(out, d, parts, sources, address, null, name, defaultGroup, null, block.path());
          continue;
        }
        cidrs(block.get("cidr_blocks"), sources);
        cidrs(block.get("ipv6_cidr_blocks"), sources);
        prefixLists(block.get("prefix_list_ids"), sources);
        groups(block.get("security_groups"), sources);
        if (block.get("self").flag()) {
          sources.add(new Found(new Source.Self(), block.get("self").path(), List.of()));
        }
        emit(out, d, parts, sources, address, null, name, defaultGroup, block.get("description").text(), block.path());
      }
    }
    return dedupe(out);
  }

  /** {@link Direction#values()}, which copies its array on every call. */
  private static final Direction[] DIRECTIONS = Direction.values();

  /** {@code aws_security_group_rule}. */
  List<SecurityGroupRule> standalone(String address, PlanValue values) {
    List<String> defects = new ArrayList<>();
    Direction d = direction(values.get("type"), defects);
    Parts parts = parts(values.get("protocol"), values.get("from_port"), values.get("to_port"));
    parts.defects.addAll(0, defects);
    List<Found> sources = new ArrayList<>();
    cidrs(values.get("cidr_blocks"), sources);
    cidrs(values.get("ipv6_cidr_blocks"), sources);
    prefixLists(values.get("prefix_list_ids"), sources);
    if (values.get("self").flag()) {
      sources.add(new Found(new Source.Self(), "self", List.of()));
    }
    // source_security_group_id is computed when another source is given: unknown then means
    // nothing, so it counts only when it is the rule's one source.
    PlanValue sg = values.get("source_security_group_id");
    if (sg.unknown() ? sources.isEmpty() : sg.text() != null) {
      sources.add(group(sg));
    }
    List<SecurityGroupRule> out = new ArrayList<>();
    emit(out, d, parts, sources, address, values.get("security_group_id").text(), null, false,
        values.get("description").text(), "");
    return dedupe(out);
  }

  /** {@code aws_vpc_security_group_ingress_rule} and {@code _egress_rule}. */
  List<SecurityGroupRule> vpcRule(String address, Direction d, PlanValue values) {
    Parts parts = parts(values.get("ip_protocol"), values.get("from_port"), values.get("to_port"));
    List<Found> sources = new ArrayList<>();
    PlanValue v4 = values.get("cidr_ipv4");
    PlanValue v6 = values.get("cidr_ipv6");
    PlanValue pl = values.get("prefix_list_id");
    PlanValue ref = values.get("referenced_security_group_id");
    cidr(v4, sources);
    cidr(v6, sources);
    if (pl.unknown() || pl.text() != null) {
      sources.add(new Found(new Source.PrefixList(pl.unknown() ? KNOWN_AFTER_APPLY : pl.text()), pl.path(), List.of()));
    }
    if (ref.unknown() || ref.text() != null) {
      sources.add(group(ref));
    }
    List<SecurityGroupRule> out = new ArrayList<>();
    emit(out, d, parts, sources, address, values.get("security_group_id").text(), null, false,
        values.get("description").text(), "");
    return dedupe(out);
  }

  /** A source, the path it was read from, and what was wrong with it. */
  private record Found(Source source, String path, List<String> defects) {}

  /** Protocol and ports as read, with what was malformed. */
  private static final class Parts {
    Protocol protocol;
    PortRange ports;
    final List<String> defects = new ArrayList<>();
  }

  /**
   * One copy of a text that many rules of a plan repeat (pointers such as {@code
   * ingress[0].cidr_blocks[0]}, descriptions, group names): the rules are kept until the report
   * is written, and copies of the same few texts were a third of what they hold.
   */
  private String shared(String text) {
    if (text == null || texts.size() >= SHARED_TEXTS) {
      return text;
    }
    String first = texts.putIfAbsent(text, text);
    return first == null ? text : first;
  }

  /** At most this many texts are shared per plan: beyond, each rule keeps its own. */
  private static final int SHARED_TEXTS = 10_000;

  private final Map<String, String> texts = new HashMap<>();

  private void emit(List<SecurityGroupRule> out, Direction d, Parts parts, List<Found> sources, String address,
      String groupId, String groupName, boolean defaultGroup, String description, String blockPath) {
    groupId = shared(groupId);
    groupName = shared(groupName);
    description = shared(description);
    for (Found f : sources) {
      List<String> defects = parts.defects;
      if (!f.defects().isEmpty()) {
        defects = new ArrayList<>(parts.defects);
        defects.addAll(f.defects());
      }
      String pointer = f.path().isEmpty() ? blockPath : f.path();
      Origin origin = new Origin(address, groupId, groupName, defaultGroup, null, description,
          Map.of(), new Location(file, line, pointer.isEmpty() ? null : shared(pointer)));
      out.add(new SecurityGroupRule(d, parts.protocol, parts.ports, f.source(), origin, defects));
    }
  }

  /**
   * What makes two rules of one resource the same rule. Its equality is written out: a record's
   * own is linked through method handles on its first use, which a cold JVM pays for.
   */
  private record Reading(Direction d, Protocol p, PortRange ports, Source s, List<String> defects) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Reading r && d == r.d && (p == null ? r.p == null : r.p != null && p.number() == r.p.number())
          && (ports == null ? r.ports == null : r.ports != null && ports.from() == r.ports.from() && ports.to() == r.ports.to())
          && java.util.Objects.equals(s, r.s) && defects.equals(r.defects);
    }

    @Override
    public int hashCode() {
      int h = d.ordinal();
      h = h * 31 + (p == null ? -1 : p.number());
      h = h * 31 + (ports == null ? -1 : ports.from() * 65_537 + ports.to());
      h = h * 31 + (s == null ? 0 : s.hashCode());
      return h * 31 + defects.hashCode();
    }
  }

  /** One rule per distinct reading: repeating a CIDR does not open anything twice. */
  private static List<SecurityGroupRule> dedupe(List<SecurityGroupRule> rules) {
    if (rules.size() < 2) {
      return rules;
    }
    Map<Reading, SecurityGroupRule> seen = new LinkedHashMap<>();
    for (SecurityGroupRule r : rules) {
      seen.putIfAbsent(new Reading(r.direction(), r.protocol(), r.ports(), r.source(), r.defects()), r);
    }
    return List.copyOf(seen.values());
  }

  private static Direction direction(PlanValue type, List<String> defects) {
    String t = type.text();
    if (t == null) {
      if (!type.unknown()) {
        defects.add("type is missing; read as ingress");
      }
      return Direction.INGRESS;
    }
    return switch (t) {
      case "ingress" -> Direction.INGRESS;
      case "egress" -> Direction.EGRESS;
      default -> {
        defects.add("type '" + t + "' is neither ingress nor egress; read as ingress");
        yield Direction.INGRESS;
      }
    };
  }

  private static Parts parts(PlanValue protocol, PlanValue from, PlanValue to) {
    Parts p = new Parts();
    p.protocol = protocol(protocol, p.defects);
    if (p.protocol != null && !p.protocol.hasPorts()) {
      // Ports mean nothing for all traffic, and are ICMP type and code for ICMP.
      p.ports = PortRange.ALL;
      return p;
    }
    if (from.unknown() || to.unknown()) {
      p.ports = null;
      return p;
    }
    Long f = from.integer();
    Long t = to.integer();
    if (f == null) {
      p.defects.add(from.path() + " is missing");
      f = 0L;
    }
    if (t == null) {
      p.defects.add(to.path() + " is missing");
      t = 65535L;
    }
    long lo = f;
    long hi = t;
    if (lo > hi) {
      p.defects.add(name(from) + " " + f + " > " + name(to) + " " + t);
      lo = t;
      hi = f;
    }
    if (lo < 0 || hi > 65535) {
      p.defects.add("port range " + lo + "-" + hi + " is outside 0-65535");
      // A negative port (AWS's -1, "any") widens to the end of the range rather than to port 0.
      hi = hi < 0 || hi > 65535 ? 65535 : hi;
      lo = Math.max(0, Math.min(lo, 65535));
    }
    p.ports = PortRange.of((int) lo, (int) hi);
    return p;
  }

  private static String name(PlanValue v) {
    String path = v.path();
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  private static Protocol protocol(PlanValue v, List<String> defects) {
    if (v.unknown()) {
      return null;
    }
    String raw;
    if (v.isNumber()) {
      raw = Long.toString(v.integer());
    } else {
      raw = v.text();
    }
    if (raw == null) {
      defects.add(name(v) + " is missing; read as all traffic");
      return Protocol.ALL;
    }
    try {
      return Protocol.parse(raw);
    } catch (IllegalArgumentException e) {
      defects.add(name(v) + " '" + raw + "' is not an IP protocol; read as all traffic");
      return Protocol.ALL;
    }
  }

  private void cidrs(PlanValue list, List<Found> out) {
    if (list.unknown()) {
      out.add(new Found(null, list.path(), List.of()));
      return;
    }
    for (PlanValue e : list.elements()) {
      if (e.isNull()) {
        // A null in a CIDR list is no network: read it, like an invalid CIDR, as the widest one.
        Cidr world = list.path().contains("ipv6") ? Cidr.WORLD_V6 : Cidr.WORLD_V4;
        out.add(new Found(world, e.path(), List.of(e.path() + " is null; read as " + world.display())));
        continue;
      }
      cidr(e, out);
    }
  }

  private void cidr(PlanValue v, List<Found> out) {
    if (v.unknown()) {
      out.add(new Found(null, v.path(), List.of()));
      return;
    }
    String text = v.text();
    if (text == null) {
      return;
    }
    try {
      Cidr c = cidrs.get(text);
      if (c == null) {
        c = Cidr.parse(text);
        cidrs.put(text, c);
      }
      out.add(new Found(c, v.path(), List.of()));
    } catch (IllegalArgumentException e) {
      Cidr world = text.indexOf(':') >= 0 ? Cidr.WORLD_V6 : Cidr.WORLD_V4;
      out.add(new Found(world, v.path(), List.of(e.getMessage() + "; read as " + world.display())));
    }
  }

  private static void prefixLists(PlanValue list, List<Found> out) {
    if (list.unknown()) {
      out.add(new Found(new Source.PrefixList(KNOWN_AFTER_APPLY), list.path(), List.of()));
      return;
    }
    for (PlanValue e : list.elements()) {
      String id = e.unknown() ? KNOWN_AFTER_APPLY : e.text();
      if (id != null && !id.isBlank()) {
        out.add(new Found(new Source.PrefixList(id), e.path(), List.of()));
      }
    }
  }

  private static void groups(PlanValue list, List<Found> out) {
    if (list.unknown()) {
      out.add(group(list));
      return;
    }
    for (PlanValue e : list.elements()) {
      if (e.unknown() || (e.text() != null && !e.text().isBlank())) {
        out.add(group(e));
      }
    }
  }

  private static Found group(PlanValue v) {
    String id = v.unknown() ? KNOWN_AFTER_APPLY : v.text();
    return new Found(new Source.Group(id), v.path(), List.of());
  }
}
