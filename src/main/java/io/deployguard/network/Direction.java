package io.deployguard.network;

import java.util.Locale;

/** Which way traffic flows through a security-group rule. */
public enum Direction {
  INGRESS,
  EGRESS;

  // Once per constant: every finding's message, key and details name its direction.
  private final String lowerName = name().toLowerCase(Locale.ROOT);

  public String lowerName() {
    return lowerName;
  }
}
