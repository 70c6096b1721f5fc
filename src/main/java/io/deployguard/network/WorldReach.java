package io.deployguard.network;

import io.deployguard.policy.Finding;
import java.util.ArrayList;
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
    Map<SetKey, List<SecurityGroupRule>> sets = new LinkedHashMap<>();
    for (SecurityGroupRule r : rules) {
      if (r.protocol() == null || r.ports() == null || !(r.source() instanceof Cidr c)) {
        continue;
      }
      String group = r.origin().groupId() != null ? r.origin().groupId() : r.origin().resource();
      sets.computeIfAbsent(new SetKey(group, r.direction(), r.protocol(), r.effectivePorts(), c.ipv6()),
          k -> new ArrayList<>()).add(r);
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
}
