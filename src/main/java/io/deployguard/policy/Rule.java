package io.deployguard.policy;

import java.util.List;

/**
 * A pure check from one typed subject to findings. Rules report at their default severity;
 * overrides, waivers and baselines are applied afterwards by {@link PolicyEngine}.
 *
 * @param <T> what the rule looks at (a security-group rule, a Dockerfile, an image ...)
 * @param <C> the settings it reads (ports, thresholds)
 */
public interface Rule<T, C> {

  RuleMetadata metadata();

  List<Finding> check(T subject, C settings);

  /** Starts a finding of this rule at its default severity. */
  default Finding.Builder finding() {
    return Finding.builder(metadata());
  }

  /**
   * A rule whose metadata is given once, when it is made: a rule class declares its {@code
   * METADATA} beside its check and passes it up, and writes only {@link #check}.
   */
  abstract class Base<T, C> implements Rule<T, C> {
    private final RuleMetadata metadata;

    protected Base(RuleMetadata metadata) {
      this.metadata = java.util.Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public final RuleMetadata metadata() {
      return metadata;
    }
  }
}
