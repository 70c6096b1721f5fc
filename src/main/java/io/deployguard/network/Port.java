package io.deployguard.network;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.util.StdConverter;
import io.deployguard.policy.Limits;

/**
 * A TCP or UDP port number as written in configuration, 0 to 65535. Bound through its creator, so
 * a number out of range is refused at its key and line.
 */
@Limits(min = Port.MIN, max = Port.MAX)
public record Port(int number) {
  public static final int MIN = 0;
  public static final int MAX = 65535;

  public Port {
    check(number);
  }

  /**
   * @throws IllegalArgumentException saying what a port is
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Port of(long number) {
    check(number);
    return new Port((int) number);
  }

  private static void check(long number) {
    if (number < MIN || number > MAX) {
      throw new IllegalArgumentException(number + " is not a port (use a number from " + MIN + " to " + MAX + ")");
    }
  }

  /** Binds a {@link Port} and keeps its number: settings hold the plain numbers rules compare. */
  public static final class Number extends StdConverter<Port, Integer> {
    @Override
    public Integer convert(Port port) {
      return port.number();
    }
  }
}
