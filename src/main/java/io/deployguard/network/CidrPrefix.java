package io.deployguard.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.deployguard.policy.Limits;

/**
 * The prefix length of an IPv4 CIDR block as written in configuration, 0 to 32 ({@code /16}).
 * Bound through its creator, so a length out of range is refused at its key and line.
 */
@Limits(min = CidrPrefix.MIN, max = CidrPrefix.MAX)
public record CidrPrefix(int bits) {
  public static final int MIN = 0;
  public static final int MAX = 32;

  public CidrPrefix {
    check(bits);
  }

  /**
   * @throws IllegalArgumentException naming the range
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static CidrPrefix of(long bits) {
    check(bits);
    return new CidrPrefix((int) bits);
  }

  private static void check(long bits) {
    if (bits < MIN || bits > MAX) {
      throw new IllegalArgumentException(bits + " is outside " + MIN + "-" + MAX);
    }
  }

  /** Binds a {@link CidrPrefix} and keeps its length, the number the rules compare. */
  public static final class Bits extends StdConverter<CidrPrefix, Integer> {
    @Override
    public Integer convert(CidrPrefix prefix) {
      return prefix.bits();
    }
  }
}
