package io.deployguard.network;

import java.util.List;
import java.util.Objects;

/**
 * One security-group rule with exactly one source: the value that both the plan reader and the
 * live scanner produce and that SG001-SG010 judge, so a rule's verdict is the same before and
 * after deploy. A Terraform rule with three CIDRs becomes three values.
 *
 * <p>{@code protocol}, {@code ports} and {@code source} are {@code null} when the plan does not
 * know them yet ({@code after_unknown}); {@code defects} lists what was malformed in the input
 * (for example {@code from_port 443 > to_port 80}), in which case the other fields hold the
 * widest reading of the rule.
 *
 * @param direction ingress or egress
 * @param protocol the protocol, or {@code null} when unknown at plan time
 * @param ports the port range (ignored unless the protocol has ports), or {@code null} when
 *     unknown at plan time
 * @param source the one source or destination, or {@code null} when unknown at plan time
 * @param origin where the rule came from
 * @param defects what was malformed, empty for a well-formed rule
 */
public record SecurityGroupRule(
    Direction direction, Protocol protocol, PortRange ports, Source source, Origin origin, List<String> defects) {

  public SecurityGroupRule {
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(origin, "origin");
    defects = List.copyOf(defects);
  }

  public static SecurityGroupRule of(Direction d, Protocol p, PortRange ports, Source s, Origin o) {
    return new SecurityGroupRule(d, p, ports, s, o, List.of());
  }

  /** Whether protocol, ports and source are all known. */
  public boolean fullyKnown() {
    return protocol != null && ports != null && source != null;
  }

  /** The ports the rule effectively opens: every port for protocol {@code all}. */
  public PortRange effectivePorts() {
    if (protocol != null && protocol.isAll()) {
      return PortRange.ALL;
    }
    return ports;
  }

  /** Whether traffic of this rule may use {@code port} (TCP or UDP). */
  public boolean opensPort(int port) {
    if (protocol == null || ports == null) {
      return false;
    }
    return protocol.isAll() || (protocol.hasPorts() && ports.covers(port));
  }

  /** Whether the source is {@code 0.0.0.0/0} or {@code ::/0}. */
  public boolean fromWorld() {
    return source instanceof Cidr c && c.isWorld();
  }

  /** {@code ingress tcp 22 0.0.0.0/0}: stable text used in messages and fingerprints. */
  public String describe() {
    String p = protocol == null ? "(unknown protocol)" : protocol.displayName();
    String ports;
    if (protocol != null && !protocol.hasPorts()) {
      ports = protocol.isAll() ? "all" : "-";
    } else {
      ports = this.ports == null ? "(unknown ports)" : this.ports.display();
    }
    String s = source == null ? "(unknown source)" : source.display();
    return direction.lowerName() + " " + p + " " + ports + " " + s;
  }
}
