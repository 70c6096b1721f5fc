package io.deployguard.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The name -> reporter registry behind {@code --format} and {@code --output FORMAT=PATH}. */
public final class Reporters {

  private Reporters() {}

  /** Every reporter; {@code color} only affects the text format. */
  public static List<Reporter> all(boolean color) {
    return List.of(new TextReporter(color));
  }

  public static Map<String, Reporter> byName(boolean color) {
    Map<String, Reporter> m = new TreeMap<>();
    for (Reporter r : all(color)) {
      m.put(r.name(), r);
    }
    return m;
  }

  public static Optional<Reporter> find(String name, boolean color) {
    return Optional.ofNullable(byName(color).get(name));
  }
}
