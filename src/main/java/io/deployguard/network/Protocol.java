package io.deployguard.network;

import java.util.Locale;

/**
 * An IP protocol as AWS understands it: {@code -1} (all traffic) or an IANA protocol number.
 * Names and numbers are two spellings of one value: {@code tcp} and {@code 6} are equal.
 */
public record Protocol(int number) {

  public static final Protocol ALL = new Protocol(-1);
  public static final Protocol ICMP = new Protocol(1);
  public static final Protocol TCP = new Protocol(6);
  public static final Protocol UDP = new Protocol(17);
  public static final Protocol ICMPV6 = new Protocol(58);

  public Protocol {
    if (number < -1 || number > 255) {
      throw new IllegalArgumentException("protocol number " + number + " is outside -1..255");
    }
  }

  /**
   * Parses {@code -1}, {@code all}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} (any
   * case) or a number 0-255. Never guesses: anything else is rejected.
   *
   * @throws IllegalArgumentException naming the accepted spellings
   */
  public static Protocol parse(String raw) {
    String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
    switch (s) {
      case "-1", "all" -> {
        return ALL;
      }
      case "tcp" -> {
        return TCP;
      }
      case "udp" -> {
        return UDP;
      }
      case "icmp" -> {
        return ICMP;
      }
      case "icmpv6", "58" -> {
        return ICMPV6;
      }
      default -> {
        if (!s.isEmpty() && allDigits(s) && s.length() <= 3) {
          int n = Integer.parseInt(s);
          if (n <= 255) {
            return new Protocol(n);
          }
        }
        throw new IllegalArgumentException(
            "'" + raw + "' is not an IP protocol; use -1/all, tcp, udp, icmp, icmpv6 or a number 0-255");
      }
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  public boolean isAll() {
    return number == -1;
  }

  /** Whether the rule's port range restricts this protocol (only TCP and UDP have ports). */
  public boolean hasPorts() {
    return number == 6 || number == 17;
  }

  /** {@code all}, {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or the number. */
  public String displayName() {
    return switch (number) {
      case -1 -> "all";
      case 1 -> "icmp";
      case 6 -> "tcp";
      case 17 -> "udp";
      case 58 -> "icmpv6";
      default -> Integer.toString(number);
    };
  }

  @Override
  public String toString() {
    return displayName();
  }
}
