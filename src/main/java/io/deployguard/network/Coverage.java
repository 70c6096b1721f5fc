package io.deployguard.network;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How much of the public address space of one family a set of CIDRs covers, so that "the world"
 * is judged by what a rule's sources reach together, not by how they are spelled: {@code
 * 0.0.0.0/1} with {@code 128.0.0.0/1}, or {@code 2000::/3} (every routable IPv6 address), is the
 * world as much as {@code 0.0.0.0/0}.
 *
 * <p>Public IPv4 space is every address outside {@link #EXCLUDED_V4} (this network, RFC 1918,
 * carrier-grade NAT, loopback, link-local, multicast and reserved); public IPv6 space is the
 * global unicast block {@code 2000::/3}. The arithmetic is exact (merged intervals of
 * BigIntegers).
 */
final class Coverage {
  private Coverage() {}

  /**
   * IPv4 networks that are not reachable from the internet; the rest is public: {@link
   * Cidr#PRIVATE_V4} with "this network" and multicast and reserved space.
   */
  static final List<Cidr> EXCLUDED_V4 = excludedV4();

  private static List<Cidr> excludedV4() {
    List<Cidr> excluded = new ArrayList<>(Cidr.PRIVATE_V4);
    excluded.add(Cidr.parse("0.0.0.0/8"));
    excluded.add(Cidr.parse("224.0.0.0/3"));
    return List.copyOf(excluded);
  }

  /** The IPv6 global unicast block: all routable IPv6 space. */
  static final Cidr PUBLIC_V6 = Cidr.parse("2000::/3");

  private static final List<BigInteger[]> PUBLIC_V4 = complement(merge(EXCLUDED_V4), 32);
  private static final List<BigInteger[]> PUBLIC_V6_RANGES = merge(List.of(PUBLIC_V6));
  private static final BigInteger PUBLIC_V4_SIZE = size(PUBLIC_V4);
  private static final BigInteger PUBLIC_V6_SIZE = size(PUBLIC_V6_RANGES);

  /**
   * The share of public space of one family that {@code cidrs} (all of that family) reach together.
   *
   * @param covered public addresses reached
   * @param total public addresses of the family
   */
  record Share(BigInteger covered, BigInteger total) {

    /** Every public address of the family. */
    boolean whole() {
      return covered.equals(total);
    }

    /** More than half of the public space. */
    boolean majority() {
      return covered.shiftLeft(1).compareTo(total) > 0;
    }

    /**
     * {@code 100%}, or the share rounded down to a tenth of a percent ({@code 56.5%}), so that
     * only the whole space reads as 100%.
     */
    String percent() {
      if (whole()) {
        return "100%";
      }
      BigInteger permille = covered.multiply(BigInteger.valueOf(1000)).divide(total);
      int p = Math.min(permille.intValue(), 999);
      return p / 10 + (p % 10 == 0 ? "" : "." + p % 10) + "%";
    }
  }

  /** The public share of {@code cidrs}, which are all IPv4 or all IPv6 ({@code ipv6}). */
  static Share of(List<Cidr> cidrs, boolean ipv6) {
    List<BigInteger[]> reached = merge(cidrs);
    List<BigInteger[]> pub = ipv6 ? PUBLIC_V6_RANGES : PUBLIC_V4;
    BigInteger covered = BigInteger.ZERO;
    int j = 0;
    for (BigInteger[] r : reached) {
      while (j < pub.size() && pub.get(j)[1].compareTo(r[0]) < 0) {
        j++;
      }
      for (int k = j; k < pub.size() && pub.get(k)[0].compareTo(r[1]) <= 0; k++) {
        BigInteger lo = r[0].max(pub.get(k)[0]);
        BigInteger hi = r[1].min(pub.get(k)[1]);
        covered = covered.add(hi.subtract(lo).add(BigInteger.ONE));
      }
    }
    return new Share(covered, ipv6 ? PUBLIC_V6_SIZE : PUBLIC_V4_SIZE);
  }

  /** How many public addresses the family has, as {@link #couldBeMajority} weighs them. */
  static double publicSize(boolean ipv6) {
    return (ipv6 ? PUBLIC_V6_SIZE : PUBLIC_V4_SIZE).doubleValue();
  }

  /**
   * Whether {@code cidrs} could reach half of the public space at all: a cheap test on their
   * summed sizes so that the exact arithmetic runs only for the few wide rules of a large plan.
   */
  static boolean couldBeMajority(List<Cidr> cidrs, boolean ipv6) {
    double sum = 0;
    for (Cidr c : cidrs) {
      sum += Math.scalb(1.0, (ipv6 ? 128 : 32) - c.prefix());
    }
    return sum * 2 >= publicSize(ipv6) * 0.999;
  }

  private static List<BigInteger[]> merge(List<Cidr> cidrs) {
    List<BigInteger[]> ranges = new ArrayList<>(cidrs.size());
    for (Cidr c : cidrs) {
      int host = (c.ipv6() ? 128 : 32) - c.prefix();
      ranges.add(new BigInteger[] {c.network(), c.network().add(BigInteger.ONE.shiftLeft(host)).subtract(BigInteger.ONE)});
    }
    ranges.sort(Comparator.comparing((BigInteger[] r) -> r[0]));
    List<BigInteger[]> out = new ArrayList<>();
    for (BigInteger[] r : ranges) {
      BigInteger[] last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && r[0].compareTo(last[1].add(BigInteger.ONE)) <= 0) {
        last[1] = last[1].max(r[1]);
      } else {
        out.add(new BigInteger[] {r[0], r[1]});
      }
    }
    return out;
  }

  private static List<BigInteger[]> complement(List<BigInteger[]> merged, int bits) {
    List<BigInteger[]> out = new ArrayList<>();
    BigInteger next = BigInteger.ZERO;
    for (BigInteger[] r : merged) {
      if (r[0].compareTo(next) > 0) {
        out.add(new BigInteger[] {next, r[0].subtract(BigInteger.ONE)});
      }
      next = r[1].add(BigInteger.ONE);
    }
    BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (next.compareTo(max) <= 0) {
      out.add(new BigInteger[] {next, max});
    }
    return out;
  }

  private static BigInteger size(List<BigInteger[]> ranges) {
    BigInteger s = BigInteger.ZERO;
    for (BigInteger[] r : ranges) {
      s = s.add(r[1].subtract(r[0]).add(BigInteger.ONE));
    }
    return s;
  }
}
