package io.deployguard.app;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The options every scan has, whatever it scans and whichever front end runs it; each means the
 * same on every path. Paths are read relative to the working directory, {@code baseDir} is where
 * {@code deployguard.yml} and the repository root are looked for.
 *
 * @param baseDir the folder the run happens in (the working directory, a CI workspace)
 * @param config the configuration file ({@code --config}); {@code null} for {@code deployguard.yml}
 *     in {@code baseDir} when present, else the defaults
 * @param failOn the fail threshold as given ({@code --fail-on}); {@code null} for the configuration's
 * @param baseline accepted findings ({@code --baseline}), or {@code null}
 * @param writeBaseline where to record this run's findings ({@code --write-baseline}), or {@code null}
 * @param softFail failing findings exit 0; input errors still fail ({@code --soft-fail})
 * @param rules run only these rules ({@code --rule}); empty for all
 * @param skipRules {@code ID=REASON} of rules reported as suppressed ({@code --skip-rule})
 * @param sourceRoot what paths in findings are relative to ({@code --source-root}); {@code null}
 *     for the configuration's, else the git top level
 * @param format the format on standard output ({@code --format})
 * @param formatGiven whether {@code --format} was given, so that standard output is taken
 * @param color colour the text format on standard output
 * @param outputs {@code FORMAT=PATH} reports to write ({@code --output}); {@code FORMAT=-} for
 *     standard output
 * @param today the day waiver expiry is judged against
 */
public record ScanOptions(Path baseDir, Path config, String failOn, Path baseline, Path writeBaseline,
    boolean softFail, List<String> rules, List<String> skipRules, Path sourceRoot, String format,
    boolean formatGiven, boolean color, List<String> outputs, LocalDate today) {

  public ScanOptions {
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(today, "today");
    rules = rules == null ? List.of() : List.copyOf(rules);
    skipRules = skipRules == null ? List.of() : List.copyOf(skipRules);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    format = format == null ? "text" : format;
  }

  /** Defaults in {@code baseDir}: its configuration, text on standard output, no outputs, judged on {@code today}. */
  public static ScanOptions in(Path baseDir, LocalDate today) {
    return new ScanOptions(baseDir, null, null, null, null, false, List.of(), List.of(), null, "text", false, false,
        List.of(), today);
  }

  /** These options with another configuration file. */
  public ScanOptions withConfig(Path file) {
    return new ScanOptions(baseDir, file, failOn, baseline, writeBaseline, softFail, rules, skipRules, sourceRoot,
        format, formatGiven, color, outputs, today);
  }

  /** These options with another fail threshold and soft fail. */
  public ScanOptions judged(String threshold, boolean soft) {
    return new ScanOptions(baseDir, config, threshold, baseline, writeBaseline, soft, rules, skipRules, sourceRoot,
        format, formatGiven, color, outputs, today);
  }

  /** These options with another baseline to read and to write. */
  public ScanOptions withBaselines(Path read, Path write) {
    return new ScanOptions(baseDir, config, failOn, read, write, softFail, rules, skipRules, sourceRoot, format,
        formatGiven, color, outputs, today);
  }

  /** These options with other reports to write. */
  public ScanOptions withOutputs(List<String> more) {
    return new ScanOptions(baseDir, config, failOn, baseline, writeBaseline, softFail, rules, skipRules, sourceRoot,
        format, formatGiven, color, more, today);
  }
}
