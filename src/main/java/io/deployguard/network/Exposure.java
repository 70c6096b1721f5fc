package io.deployguard.network;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Facts about what one security-group rule exposes, shared by the SG rules so that each rule's
 * condition reads as one line and the rules agree on what "world", "all traffic" and "covers a
 * port" mean.
 */
final class Exposure {
  private Exposure() {}

  /**
   * A finding of {@code rule} on {@code r}: named by the rule's origin, keyed by {@link
   * SecurityGroupRule#describe()} so that fingerprints survive rewording, with the rule's parts
   * as details.
   */
  static Finding.Builder finding(Rule<SecurityGroupRule, NetworkSettings> rule, SecurityGroupRule r) {
    return rule.finding()
        .resource(r.origin().resource())
        .location(r.origin().location())
        .key(r.describe())
        .detail("direction", r.direction().lowerName())
        .detail("protocol", r.protocol() == null ? "unknown" : r.protocol().displayName())
        .detail("ports", r.ports() == null ? "unknown" : r.effectivePorts().display())
        .detail("source", r.source() == null ? "unknown" : r.source().display())
        .detail("group", r.origin().groupId());
  }

  /** Ingress from {@code 0.0.0.0/0} or {@code ::/0} with protocol and ports known. */
  static boolean worldIngress(SecurityGroupRule r) {
    return r.direction() == Direction.INGRESS && r.fromWorld() && r.protocol() != null && r.ports() != null;
  }

  /**
   * Every port of every protocol, or every port of TCP or UDP: protocol {@code -1}, or a TCP/UDP
   * range covering 0-65535 or 1-65535.
   */
  static boolean allTraffic(SecurityGroupRule r) {
    if (r.protocol() == null) {
      return false;
    }
    return r.protocol().isAll() || (r.protocol().hasPorts() && r.ports() != null && r.ports().coversAll());
  }

  /** The ports of {@code candidates} that the rule opens, sorted and without repeats. */
  static List<Integer> opened(SecurityGroupRule r, List<Integer> candidates) {
    TreeSet<Integer> out = new TreeSet<>();
    for (Integer p : candidates) {
      if (r.opensPort(p)) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }

  /**
   * {@code ingress tcp ports 20-25 from 0.0.0.0/0}, {@code egress all traffic to ::/0}: the rule
   * as named in messages.
   */
  static String phrase(SecurityGroupRule r) {
    String source = r.source() == null ? "(unknown source)" : r.source().display();
    String way = r.direction() == Direction.INGRESS ? " from " : " to ";
    String what;
    if (r.protocol() == null) {
      what = "(unknown protocol)" + (r.ports() == null ? " (unknown ports)" : " " + portWord(r.ports()));
    } else if (r.protocol().isAll()) {
      what = "all traffic";
    } else if (!r.protocol().hasPorts()) {
      what = r.protocol().displayName();
    } else if (r.ports() == null) {
      what = r.protocol().displayName() + " (unknown ports)";
    } else {
      what = r.protocol().displayName() + " " + portWord(r.ports());
    }
    return r.direction().lowerName() + " " + what + way + source;
  }

  private static String portWord(PortRange p) {
    return p.from() == p.to() ? "port " + p.from() : "ports " + p.from() + "-" + p.to();
  }

  /**
   * The parts of {@code range} left when {@code excluded} ports are taken out, in order. Works on
   * ranges, not port by port, because thousands of world rules may each span 65536 ports.
   */
  static List<PortRange> minus(PortRange range, java.util.Collection<Integer> excluded) {
    int[] cut = new int[excluded.size()];
    int n = 0;
    for (int p : excluded) {
      cut[n++] = p;
    }
    java.util.Arrays.sort(cut);
    List<PortRange> out = new ArrayList<>();
    int next = range.from();
    for (int p : cut) {
      // In order and within the range; a repeated port is already behind next.
      if (p < range.from() || p > range.to() || p < next) {
        continue;
      }
      if (p > next) {
        out.add(PortRange.of(next, p - 1));
      }
      next = p + 1;
    }
    if (next <= range.to()) {
      out.add(PortRange.of(next, range.to()));
    }
    return out;
  }

  /** Sorted distinct ports as ranges of consecutive ports: 1433, 1434 becomes 1433-1434. */
  static List<PortRange> ranges(List<Integer> sortedPorts) {
    List<PortRange> out = new ArrayList<>();
    int i = 0;
    while (i < sortedPorts.size()) {
      int start = sortedPorts.get(i);
      int end = start;
      while (i + 1 < sortedPorts.size() && sortedPorts.get(i + 1) == end + 1) {
        end = sortedPorts.get(++i);
      }
      out.add(PortRange.of(start, end));
      i++;
    }
    return out;
  }

  /**
   * {@code 22}, {@code 20-21, 23} or, for long lists, the first ranges and a count, so that a
   * rule opening thousands of ports stays one line.
   */
  static String summarise(List<PortRange> ranges) {
    return summarise(ranges, MAX_RANGES_SHOWN);
  }

  /** All ranges, however many: for lists bounded by configuration (admin, high-risk ports). */
  static String list(List<Integer> sortedPorts) {
    return summarise(ranges(sortedPorts), Integer.MAX_VALUE);
  }

  private static String summarise(List<PortRange> ranges, int max) {
    int shown = Math.min(ranges.size(), max);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        text.append(", ");
      }
      PortRange p = ranges.get(i);
      text.append(p.from() == p.to() ? Integer.toString(p.from()) : p.from() + "-" + p.to());
    }
    if (shown < ranges.size()) {
      long ports = 0;
      for (PortRange r : ranges) {
        ports += r.size();
      }
      text.append(" and ").append(ranges.size() - shown).append(" more ranges (").append(ports).append(" ports in all)");
    }
    return text.toString();
  }

  private static final int MAX_RANGES_SHOWN = 8;
}
