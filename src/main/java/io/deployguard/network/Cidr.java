package io.deployguard.network;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * An IPv4 or IPv6 network. Parsing accepts every spelling AWS and Terraform accept
 * ({@code 0.0.0.0/0}, {@code ::/0}, {@code 0:0:0:0:0:0:0:0/0}, {@code ::0/0}, upper-case hex, a
 * bare address meaning a single host) and normalises host bits away, so that two spellings of
 * one network are equal.
 *
 * @param ipv6 whether this is an IPv6 network
 * @param network the network address with host bits cleared (32 or 128 bits)
 * @param prefix prefix length
 */
public record Cidr(boolean ipv6, BigInteger network, int prefix) implements Source {

  public static final Cidr WORLD_V4 = parse("0.0.0.0/0");
  public static final Cidr WORLD_V6 = parse("::/0");

  public Cidr {
    int bits = ipv6 ? 128 : 32;
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix /" + prefix + " is outside 0-" + bits);
    }
    network = network.and(mask(bits, prefix));
  }

  /**
   * Parses a CIDR or a bare address.
   *
   * @throws IllegalArgumentException saying what is wrong with the text
   */
  public static Cidr parse(String raw) {
    if (raw == null) {
      throw new IllegalArgumentException("a CIDR is required");
    }
    String s = raw.trim();
    String addr = s;
    Integer prefix = null;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      addr = s.substring(0, slash);
      String p = s.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !allDigits(p)) {
        throw new IllegalArgumentException("'" + raw + "' has no valid prefix length after '/'");
      }
      prefix = Integer.parseInt(p);
    }
    if (addr.indexOf(':') >= 0) {
      BigInteger value = parseV6(addr, raw);
      return new Cidr(true, value, prefix == null ? 128 : prefix);
    }
    BigInteger value = parseV4(addr, raw);
    return new Cidr(false, value, prefix == null ? 32 : prefix);
  }

  // A loop, not a stream: parsing runs at start-up, where each stream pipeline costs class loading.
  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static BigInteger parseV4(String addr, String raw) {
    long quad = dottedQuad(addr);
    if (quad >= 0) {
      return BigInteger.valueOf(quad);
    }
    String[] parts = addr.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("'" + raw + "' is not an IPv4 or IPv6 CIDR");
    }
    long v = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !allDigits(part)) {
        throw new IllegalArgumentException("'" + raw + "' is not an IPv4 CIDR (bad octet '" + part + "')");
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw new IllegalArgumentException("'" + raw + "' is not an IPv4 CIDR (octet " + octet + " > 255)");
      }
      v = (v << 8) | octet;
    }
    return BigInteger.valueOf(v);
  }

  /**
   * The value of {@code s} when it is what {@link #parseV4} accepts, four groups of one to three
   * digits of at most 255 between three dots, else -1 (and {@code parseV4} says what is wrong):
   * one pass, no split, for the tens of thousands of CIDRs of a large plan.
   */
  private static long dottedQuad(String s) {
    long v = 0;
    int dots = 0;
    int digits = 0;
    int octet = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 3) {
          return -1;
        }
        octet = octet * 10 + (c - '0');
      } else if (c == '.' && digits > 0 && octet <= 255 && ++dots <= 3) {
        v = (v << 8) | octet;
        digits = 0;
        octet = 0;
      } else {
        return -1;
      }
    }
    return dots == 3 && digits > 0 && octet <= 255 ? (v << 8) | octet : -1;
  }

  private static BigInteger parseV6(String addr, String raw) {
    String a = addr.toLowerCase(Locale.ROOT);
    int zone = a.indexOf('%');
    if (zone >= 0) {
      throw new IllegalArgumentException("'" + raw + "' has a zone id, which a CIDR cannot have");
    }
    // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
    String v4tail = null;
    int lastColon = a.lastIndexOf(':');
    if (a.indexOf('.', lastColon) > 0) {
      v4tail = a.substring(lastColon + 1);
      a = a.substring(0, lastColon + 1) + "0:0";
    }
    int dbl = a.indexOf("::");
    if (dbl != a.lastIndexOf("::")) {
      throw new IllegalArgumentException("'" + raw + "' has '::' more than once");
    }
    String[] head;
    String[] tail;
    if (dbl >= 0) {
      String h = a.substring(0, dbl);
      String t = a.substring(dbl + 2);
      head = h.isEmpty() ? new String[0] : h.split(":", -1);
      tail = t.isEmpty() ? new String[0] : t.split(":", -1);
      if (head.length + tail.length > 7) {
        throw new IllegalArgumentException("'" + raw + "' has too many groups for IPv6");
      }
    } else {
      head = a.split(":", -1);
      tail = new String[0];
      if (head.length != 8) {
        throw new IllegalArgumentException("'" + raw + "' is not an IPv6 address (needs 8 groups or '::')");
      }
    }
    int[] groups = new int[8];
    for (int i = 0; i < head.length; i++) {
      groups[i] = group(head[i], raw);
    }
    for (int i = 0; i < tail.length; i++) {
      groups[8 - tail.length + i] = group(tail[i], raw);
    }
    BigInteger v = BigInteger.ZERO;
    for (int g : groups) {
      v = v.shiftLeft(16).or(BigInteger.valueOf(g));
    }
    if (v4tail != null) {
      v = v.or(parseV4(v4tail, raw));
    }
    return v;
  }

  private static int group(String g, String raw) {
    if (g.isEmpty() || g.length() > 4) {
      throw new IllegalArgumentException("'" + raw + "' has an empty or over-long IPv6 group");
    }
    for (char c : g.toCharArray()) {
      if (Character.digit(c, 16) < 0) {
        throw new IllegalArgumentException("'" + raw + "' has a non-hex IPv6 group '" + g + "'");
      }
    }
    return Integer.parseInt(g, 16);
  }

  private static BigInteger mask(int bits, int prefix) {
    return (bits == 32 ? Masks.V4 : Masks.V6)[prefix];
  }

  /** The network mask of every prefix length, made once rather than for every CIDR. */
  private static final class Masks {
    static final BigInteger[] V4 = of(32);
    static final BigInteger[] V6 = of(128);

    private static BigInteger[] of(int bits) {
      BigInteger all = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
      BigInteger[] out = new BigInteger[bits + 1];
      for (int prefix = 0; prefix <= bits; prefix++) {
        out[prefix] = all.xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
      }
      return out;
    }
  }

  /** The whole internet of its family: {@code 0.0.0.0/0} or {@code ::/0}. */
  public boolean isWorld() {
    return prefix == 0;
  }

  /** Whether {@code other} lies wholly inside this network. */
  public boolean contains(Cidr other) {
    int bits = ipv6 ? 128 : 32;
    return ipv6 == other.ipv6 && other.prefix >= prefix && other.network.and(mask(bits, prefix)).equals(network);
  }

  /**
   * Whether any address of this network is on the public internet: not in RFC 1918, loopback,
   * link-local or carrier-grade NAT space (IPv4), nor in unique-local, link-local or loopback
   * space (IPv6).
   */
  public boolean isPublic() {
    for (Cidr p : ipv6 ? PRIVATE_V6 : PRIVATE_V4) {
      if (p.contains(this)) {
        return false;
      }
    }
    return true;
  }

  /** RFC 1918, loopback, link-local and carrier-grade NAT space; {@link Coverage} excludes it too. */
  static final List<Cidr> PRIVATE_V4 = List.of(
      v4("10.0.0.0", 8), v4("172.16.0.0", 12), v4("192.168.0.0", 16), v4("127.0.0.0", 8),
      v4("169.254.0.0", 16), v4("100.64.0.0", 10));
  private static final List<Cidr> PRIVATE_V6 = List.of(v6("fc00::", 7), v6("fe80::", 10), v6("::1", 128));

  private static Cidr v4(String a, int p) {
    return new Cidr(false, parseV4(a, a), p);
  }

  private static Cidr v6(String a, int p) {
    return new Cidr(true, parseV6(a, a), p);
  }

  /** Canonical text: dotted quad, or RFC 5952 compressed IPv6, with the prefix. */
  @Override
  public String display() {
    if (prefix == 0) {
      // The world, named in most findings of a large plan; its network is 0 once masked.
      return ipv6 ? "::/0" : "0.0.0.0/0";
    }
    if (!ipv6) {
      long v = network.longValue();
      return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255) + "/" + prefix;
    }
    int[] g = new int[8];
    BigInteger v = network;
    for (int i = 7; i >= 0; i--) {
      g[i] = v.and(BigInteger.valueOf(0xffff)).intValue();
      v = v.shiftRight(16);
    }
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] == 0) {
        int j = i;
        while (j < 8 && g[j] == 0) {
          j++;
        }
        if (j - i > bestLen && j - i >= 2) {
          bestStart = i;
          bestLen = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
    return sb + "/" + prefix;
  }

  /** The record's equality, written out: a set of thousands of CIDRs compares them often. */
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof Cidr c && ipv6 == c.ipv6 && prefix == c.prefix && network.equals(c.network);
  }

  /** The value the record's own {@code hashCode} gives, computed without its method handles. */
  @Override
  public int hashCode() {
    return (Boolean.hashCode(ipv6) * 31 + network.hashCode()) * 31 + prefix;
  }

  @Override
  public String toString() {
    return display();
  }
}
