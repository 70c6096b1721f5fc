package io.deployguard.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The name -> reporter registry behind {@code --format} and {@code --output FORMAT=PATH}: the one
 * list of reporters. A reporter registered here is a format everywhere (the command line, its help,
 * the reports a folder receives); each names itself with its {@link Reporter.Format}.
 */
public final class Reporters {

  private Reporters() {}

  /**
   * Every reporter, in the order {@code --help} lists them; {@code color} only affects the text
   * format. The SAST report takes its time stamp from {@link GitLabSastReporter#fromEnvironment()}.
   */
  public static List<Reporter> all(boolean color) {
    return List.of(
        new TextReporter(color),
        new JsonReporter(),
        new SarifReporter(),
        new JUnitReporter(),
        new GitLabCodeQualityReporter(),
        GitLabSastReporter.fromEnvironment(),
        new MarkdownReporter());
  }

  /** The format names in the order {@code --help} lists them: {@code text, json, sarif, ...}. */
  public static List<String> names() {
    return all(false).stream().map(Reporter::name).toList();
  }

  /** Every reporter by its {@link Reporter#name()}, names sorted. */
  public static Map<String, Reporter> byName(boolean color) {
    Map<String, Reporter> m = new TreeMap<>();
    for (Reporter r : all(color)) {
      m.put(r.name(), r);
    }
    return m;
  }

  /** The reporter called {@code name} in any case ({@code JSON} is {@code json}), if there is one. */
  public static Optional<Reporter> find(String name, boolean color) {
    return Optional.ofNullable(byName(color).get(name.toLowerCase(java.util.Locale.ROOT)));
  }
}
