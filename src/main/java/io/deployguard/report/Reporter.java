package io.deployguard.report;

import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes a scan result in one format. Implementations are stateless and deterministic, and say
 * which format they write with their {@link #format()}, a constant of their class: the one place a
 * format's name, default file name and description are written down. {@link Reporters} lists the
 * reporters; {@code --format}, {@code --help}, the reports a folder receives, docs/formats.md and
 * the GitLab template take these from there.
 */
public interface Reporter {

  /**
   * What a reporter writes. (A record, not an annotation on the class: reading an annotation
   * costs a cold JVM's first run several milliseconds, and every run looks its reporter up.)
   *
   * @param name the name {@code --format} and {@code --output NAME=PATH} take, lower case, e.g.
   *     {@code sarif}
   * @param fileName the file a report of this format is written to when only a folder is given,
   *     following its consumer's convention, e.g. {@code gl-code-quality-report.json}
   * @param description what the format is for, in one line of plain text, as docs/formats.md shows it
   */
  record Format(String name, String fileName, String description) {}

  /** The format this reporter writes. */
  Format format();

  /** The format's name as given to {@code --format}, e.g. {@code sarif}. */
  default String name() {
    return format().name();
  }

  /** The conventional file name of this format's report, e.g. {@code deployguard.sarif}. */
  default String fileName() {
    return format().fileName();
  }

  /** What this format is for, one line. */
  default String description() {
    return format().description();
  }

  void write(ScanResult result, Writer out) throws IOException;
}
