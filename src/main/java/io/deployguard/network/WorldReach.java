package io.deployguard.network;

import io.deployguard.policy.Finding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the rules whose CIDR sources, together with the other sources of the same group,
 * direction, protocol and ports, reach all or most of the public space of their family (see
 * {@link Coverage}). Such a rule is judged as if it came from the world: SG001-SG004, SG006 and
 * SG010 look at it with the share in their message, so that {@code ["0.0.0.0/1", "128.0.0.0/1"]}
 * or {@code 2000::/3} on port 22 fails the gate as {@code 0.0.0.0/0} does.
 *
 * <p>"Most" is more than half of the public space, or any single source of a /1 or wider.
 */
final class WorldReach {
  private WorldReach() {}

  /** What a set of sources reaches, shared by its members. */
  record Reach(Coverage.Share share, boolean ipv6, List<Cidr> sources) {

    /** {@code r} with its source replaced by the world of its family. */
    SecurityGroupRule asWorld(SecurityGroupRule r) {
      return new SecurityGroupRule(r.direction(), r.protocol(), r.ports(), ipv6 ? Cidr.WORLD_V6 : Cidr.WORLD_V4,
          r.origin(), r.defects());
    }

    /**
     * A finding on {@code asWorld} restated for {@code r}: its own key and source, and the share
     * of the public space its sources reach.
     */
    Finding reword(Finding f, SecurityGroupRule r, SecurityGroupRule asWorld) {
      String worldPhrase = Exposure.phrase(asWorld);
      String rest = f.message().startsWith(worldPhrase) ? f.message().substring(worldPhrase.length()) : ": " + f.message();
      String note = " (" + (sources.size() == 1 ? "reaching " : "with " + others(r) + ", reaching ") + share.percent()
          + " of public " + (ipv6 ? "IPv6 space 2000::/3" : "IPv4 space") + ")";
      Map<String, String> details = new TreeMap<>(f.details());
      details.put("source", r.source().display());
      details.put("publicShare", share.percent());
      return new Finding(f.ruleId(), f.title(), f.severity(), f.resource(), Exposure.phrase(r) + note + rest,
          f.location(), f.fix(), r.describe(), details, f.suppression());
    }

    private String others(SecurityGroupRule r) {
      List<String> names = new ArrayList<>();
      for (Cidr c : sources) {
        if (!c.equals(r.source())) {
          names.add(c.display());
        }
      }
      int shown = Math.min(names.size(), 3);
      String text = String.join(", ", names.subList(0, shown));
      return names.size() > shown ? text + " and " + (names.size() - shown) + " more" : text;
    }
  }

  /** The members of one set: the same group, direction, protocol, ports and address family. */
  private record SetKey(String group, Direction direction, Protocol protocol, PortRange ports, boolean ipv6) {}

  /**
   * The rules of {@code rules} that reach all or most of the public space through their set's
   * sources, each with what its set reaches. Rules of a set that already holds the literal world
   * are left to the rules as written.
   */
  static Map<SecurityGroupRule, Reach> of(List<SecurityGroupRule> rules) {
    // Most plans hold no set that could reach half the public space: find the sets that could
    // before grouping every rule, so that a plan of narrow sources costs one pass and no map.
    Set<SetKey> candidates = candidates(rules);
    if (candidates.isEmpty()) {
      return Map.of();
    }
    Set<String> candidateGroups = new HashSet<>();
    for (SetKey k : candidates) {
      candidateGroups.add(k.group());
    }
    Map<SetKey, List<SecurityGroupRule>> sets = new LinkedHashMap<>();
    for (SecurityGroupRule r : rules) {
      if (!judged(r)) {
        continue;
      }
      String group = group(r);
      if (!candidateGroups.contains(group)) {
        continue;
      }
      SetKey key = new SetKey(group, r.direction(), r.protocol(), r.effectivePorts(), ((Cidr) r.source()).ipv6());
      if (candidates.contains(key)) {
        sets.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      }
    }
    Map<SecurityGroupRule, Reach> out = new IdentityHashMap<>();
    for (Map.Entry<SetKey, List<SecurityGroupRule>> set : sets.entrySet()) {
      boolean ipv6 = set.getKey().ipv6();
      // A set, not a list searched per member: one group can hold thousands of CIDRs on one port.
      Set<Cidr> distinct = new LinkedHashSet<>();
      boolean literalWorld = false;
      boolean slashOne = false;
      for (SecurityGroupRule r : set.getValue()) {
        Cidr c = (Cidr) r.source();
        literalWorld |= c.isWorld();
        slashOne |= c.prefix() <= 1;
        distinct.add(c);
      }
      List<Cidr> cidrs = new ArrayList<>(distinct);
      if (literalWorld || !Coverage.couldBeMajority(cidrs, ipv6)) {
        continue;
      }
      Coverage.Share share = Coverage.of(cidrs, ipv6);
      if (!share.majority() && !(slashOne && share.covered().signum() > 0)) {
        continue;
      }
      Reach reach = new Reach(share, ipv6, List.copyOf(cidrs));
      for (SecurityGroupRule r : set.getValue()) {
        Cidr c = (Cidr) r.source();
        if (!Coverage.of(List.of(c), ipv6).covered().equals(java.math.BigInteger.ZERO) || c.prefix() <= 1) {
          out.put(r, reach);
        }
      }
    }
    return out;
  }

  /** A rule that a set can hold: protocol and ports known, a CIDR source. */
  private static boolean judged(SecurityGroupRule r) {
    return r.protocol() != null && r.ports() != null && r.source() instanceof Cidr;
  }

  private static String group(SecurityGroupRule r) {
    return r.origin().groupId() != null ? r.origin().groupId() : r.origin().resource();
  }

  /**
   * The sets that may pass {@link Coverage#couldBeMajority}: those holding a source (other than
   * the world, whose sets are left alone) of a prefix so short that, without it, every narrower
   * source of the family in the whole plan together would reach less than a quarter of the public
   * space. A set without one sums to less than half of what {@code couldBeMajority} asks, so it
   * cannot pass; the margin covers the rounding of sums in {@code double}.
   */
  private static Set<SetKey> candidates(List<SecurityGroupRule> rules) {
    long[] v4 = new long[33];
    long[] v6 = new long[129];
    for (SecurityGroupRule r : rules) {
      count(r, v4, v6);
    }
    int wideV4 = widest(v4, Coverage.publicSize(false));
    int wideV6 = widest(v6, Coverage.publicSize(true));
    Set<SetKey> out = new HashSet<>();
    if (wideV4 == 0 && wideV6 == 0) {
      return out;
    }
    for (SecurityGroupRule r : rules) {
      if (judged(r)) {
        Cidr c = (Cidr) r.source();
        if (!c.isWorld() && c.prefix() <= (c.ipv6() ? wideV6 : wideV4)) {
          out.add(new SetKey(group(r), r.direction(), r.protocol(), r.effectivePorts(), c.ipv6()));
        }
      }
    }
    return out;
  }

  // A method of its own: a loop run once over a plan's rules is interpreted, what it calls is compiled.
  private static void count(SecurityGroupRule r, long[] v4, long[] v6) {
    if (judged(r)) {
      Cidr c = (Cidr) r.source();
      if (!c.isWorld()) {
        (c.ipv6() ? v6 : v4)[c.prefix()]++;
      }
    }
  }

  /**
   * The longest prefix a set must hold a source of to be a candidate, given how many sources of
   * each prefix ({@code counts}) the plan holds: 0 when even all of them together are too few.
   */
  private static int widest(long[] counts, double publicSize) {
    int bits = counts.length - 1;
    double narrower = 0;
    int k = bits;
    while (k > 0) {
      double withK = narrower + counts[k] * Math.scalb(1.0, bits - k);
      if (withK * 4 >= publicSize * 0.999) {
        break;
      }
      narrower = withK;
      k--;
    }
    return k;
  }
}
