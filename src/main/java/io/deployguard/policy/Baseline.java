package io.deployguard.policy;

import java.util.Set;

/**
 * Findings accepted as they stood when the baseline was written, by fingerprint. Findings in it
 * are reported as suppressed, so only new findings fail the run.
 */
public record Baseline(Set<String> fingerprints) {
  public static final Baseline NONE = new Baseline(Set.of());

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
  }

  public boolean contains(Finding f) {
    // Hashing every finding is wasted work when there is no baseline (the usual case).
    return !fingerprints.isEmpty() && fingerprints.contains(f.fingerprint());
  }
}
