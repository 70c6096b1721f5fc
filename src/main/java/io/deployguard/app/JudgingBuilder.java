package io.deployguard.app;

import io.deployguard.policy.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings every facade request has, whatever it scans: where it runs, which configuration,
 * how the result is judged and which reports are written. The request builders of {@link
 * Predeploy} and {@link Postdeploy} extend it and add what they scan.
 *
 * @param <B> the concrete builder, so that setters chain
 */
public abstract class JudgingBuilder<B extends JudgingBuilder<B>> {
  private final Path baseDir;
  private Path config;
  private final List<String> formats = new ArrayList<>();
  private Path reportDir;
  private Severity failOn;
  private Severity unstableAt;
  private boolean softFail;
  private Path baseline;

  protected JudgingBuilder(Path baseDir) {
    this.baseDir = baseDir;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The configuration file, relative to the base folder; none: {@code deployguard.yml} there, if any. */
  public B config(Path p) {
    this.config = p;
    return self();
  }

  /** Writes {@code formatNames} into {@code dir} under their conventional names. */
  public B reports(Path dir, List<String> formatNames) {
    this.reportDir = dir;
    formats.addAll(formatNames);
    return self();
  }

  public B failOn(Severity s) {
    this.failOn = s;
    return self();
  }

  public B unstableAt(Severity s) {
    this.unstableAt = s;
    return self();
  }

  public B softFail(boolean b) {
    this.softFail = b;
    return self();
  }

  public B baseline(Path p) {
    this.baseline = p;
    return self();
  }

  /** What has been set so far. */
  protected Judging judging() {
    return new Judging(baseDir, config, failOn, unstableAt, softFail, baseline, List.copyOf(formats),
        reportDir);
  }
}
