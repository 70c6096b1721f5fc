package io.deployguard.report;

import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.Writer;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes a scan result in one format. Implementations are stateless and deterministic, and say
 * which format they write with {@link Format} on their class: the one place a format's name,
 * default file name and description are written down. {@link Reporters} lists the reporters;
 * {@code --format}, {@code --help}, the reports a folder receives, docs/formats.md and the GitLab
 * template take these from there.
 */
public interface Reporter {

  /** What a reporter writes, declared on its class. */
  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @interface Format {
    /** The name {@code --format} and {@code --output NAME=PATH} take, lower case, e.g. {@code sarif}. */
    String name();

    /**
     * The file a report of this format is written to when only a folder is given, following its
     * consumer's convention, e.g. {@code gl-code-quality-report.json}.
     */
    String fileName();

    /** What the format is for, in one line of plain text, as docs/formats.md shows it. */
    String description();
  }

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

  private Format format() {
    Format format = getClass().getAnnotation(Format.class);
    if (format == null) {
      throw new IllegalStateException(getClass().getName() + " has no @Reporter.Format: annotate the class with the"
          + " format's name, file name and description (CONTRIBUTING.md, Adding a report format)");
    }
    return format;
  }

  void write(ScanResult result, Writer out) throws IOException;
}
