package io.deployguard.app;

import io.deployguard.app.Predeploy.InputKind;
import io.deployguard.app.Predeploy.Scanner;
import java.util.EnumMap;
import java.util.Map;

/**
 * The scanner of each input kind in this build: the one place where the plan, Dockerfile and
 * image capabilities are plugged into {@link Predeploy}. A kind without an entry is reported as
 * not supported by this build, never skipped.
 */
public final class Scanners {
  private Scanners() {}

  public static Map<InputKind, Scanner> all() {
    Map<InputKind, Scanner> all = new EnumMap<>(InputKind.class);
    // One line per capability, for example:
    // all.put(InputKind.PLAN, Scanner.of(PlanRules.ALL, (input, config) -> PlanScan.scan(input.path(), config.config())));
    return Map.copyOf(all);
  }
}
