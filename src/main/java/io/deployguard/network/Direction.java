package io.deployguard.network;

import java.util.Locale;

/** Which way traffic flows through a security-group rule. */
public enum Direction {
  INGRESS,
  EGRESS;

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
