package io.deployguard.app;

import java.util.Locale;

/** What a pre-deploy input is; each kind has one {@link InputScanner}. */
public enum InputKind {
  PLAN,
  DOCKERFILE,
  IMAGE;

  /** The lower-case name used in messages and configuration ({@code plan}, {@code image}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
