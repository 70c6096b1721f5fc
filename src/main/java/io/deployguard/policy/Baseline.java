package io.deployguard.policy;

import java.util.Set;

/**
 * Findings accepted as they stood when the baseline was written, by fingerprint. Findings in it
 * are reported as suppressed, so only new findings fail the run.
 *
 * @param fingerprints fingerprints of accepted findings
 * @param legacy whether the fingerprints were written before findings were named relative to the
 *     repository root (baseline version 1): they are then compared with the fingerprints of the
 *     findings as the readers named them, before that naming
 */
public record Baseline(Set<String> fingerprints, boolean legacy) {
  public static final Baseline NONE = new Baseline(Set.of());

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
  }

  public Baseline(Set<String> fingerprints) {
    this(fingerprints, false);
  }

  public boolean contains(Finding f) {
    // Hashing every finding is wasted work when there is no baseline (the usual case).
    return !fingerprints.isEmpty() && fingerprints.contains(f.fingerprint());
  }
}
