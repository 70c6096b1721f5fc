package io.deployguard.network;

/** An inclusive range of ports, {@code from <= to}, both within 0-65535. */
public record PortRange(int from, int to) {

  public static final PortRange ALL = new PortRange(0, 65535);

  public PortRange {
    if (from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("port range " + from + "-" + to + " is not within 0-65535 in order");
    }
  }

  public static PortRange of(int from, int to) {
    return new PortRange(from, to);
  }

  public static PortRange single(int port) {
    return new PortRange(port, port);
  }

  public boolean covers(int port) {
    return from <= port && port <= to;
  }

  /** 0-65535 and 1-65535 both mean every port (port 0 is not a usable TCP/UDP port). */
  public boolean coversAll() {
    return from <= 1 && to == 65535;
  }

  public int size() {
    return to - from + 1;
  }

  /** {@code 22}, {@code 20-25} or {@code all}. */
  public String display() {
    if (coversAll()) {
      return "all";
    }
    return from == to ? Integer.toString(from) : from + "-" + to;
  }

  @Override
  public String toString() {
    return display();
  }
}
