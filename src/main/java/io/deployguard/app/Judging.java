package io.deployguard.app;

import io.deployguard.policy.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a facade run is judged and reported, whatever it scans: the part of every request that
 * {@link Predeploy} and {@link Postdeploy} share.
 *
 * @param baseDir the folder relative paths are read from and written to (a CI workspace)
 * @param config the configuration file; {@code null} for {@code deployguard.yml} in {@code
 *     baseDir} when present, else the defaults
 * @param failOn threshold that fails the build; {@code null} for the configuration's
 * @param unstableAt findings at or above this (but below {@code failOn}) make the build
 *     unstable; {@code null} for never
 * @param softFail failing findings make the build unstable and exit 0; input errors still fail
 * @param baseline file of accepted findings, or {@code null}
 * @param formats report formats to write into {@code reportDir} under their conventional names
 * @param reportDir where reports go; created when missing
 */
public record Judging(Path baseDir, Path config, Severity failOn, Severity unstableAt, boolean softFail,
    Path baseline, List<String> formats, Path reportDir) {

  public Judging {
    Objects.requireNonNull(baseDir, "baseDir");
    formats = formats == null ? List.of() : List.copyOf(formats);
    if (!formats.isEmpty() && reportDir == null) {
      throw new IllegalArgumentException("formats need a reportDir to write to");
    }
  }
}
