package io.deployguard.policy;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An accepted risk: findings of {@code rule} on resources matching {@code resource} are reported
 * as waived until {@code expires}. After that day the waiver stops applying and is itself
 * reported (POL001).
 *
 * @param rule a rule id, or {@code *} for every rule
 * @param resource a glob over the finding's resource: {@code *} any run of characters, {@code ?}
 *     one character
 * @param reason why the risk is accepted; required
 * @param expires last day the waiver applies; required
 * @param source where the waiver is declared (for example {@code deployguard.yml (waivers[0])})
 * @param input a glob over the finding's input path relative to the repository root (for
 *     example {@code envs/prod/*.json}), or {@code null} for every input
 */
public record Waiver(String rule, String resource, String reason, LocalDate expires, Location source, String input) {

  public Waiver {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(source, "source");
  }

  /** A waiver for every input. */
  public Waiver(String rule, String resource, String reason, LocalDate expires, Location source) {
    this(rule, resource, reason, expires, source, null);
  }

  public boolean matches(Finding f) {
    return matcher().matches(f);
  }

  /**
   * Whether the waiver covers the input of {@code f}: where it is located, or the plan it came from
   * (a plan finding located at its {@code .tf} line names its plan in the detail {@code plan}).
   */
  public boolean coversInputOf(Finding f) {
    return matcher().coversInputOf(f);
  }

  /** Whether the waiver covers findings of {@code input} (every input when it has no scope). */
  public boolean matchesInput(String input) {
    return matcher().matchesInput(input);
  }

  /** This waiver with its patterns compiled, to be matched against every finding of a run. */
  public Matcher matcher() {
    return new Matcher(this);
  }

  /** A waiver whose resource and input patterns are compiled once. */
  public static final class Matcher {
    private final Waiver waiver;
    private final Glob resource;
    private final Glob input;

    private Matcher(Waiver waiver) {
      this.waiver = waiver;
      this.resource = Glob.of(waiver.resource());
      this.input = waiver.input() == null ? null : Glob.of(waiver.input());
    }

    /** {@link Waiver#matches}. */
    public boolean matches(Finding f) {
      return waiver.matchesRule(f) && resource.matches(f.resource()) && coversInputOf(f);
    }

    /** {@link Waiver#coversInputOf}. */
    public boolean coversInputOf(Finding f) {
      return matchesInput(f.location().input()) || (input != null && f.details().containsKey("plan")
          && matchesInput(f.details().get("plan")));
    }

    /** {@link Waiver#matchesInput}. */
    public boolean matchesInput(String in) {
      return input == null || input.matches(in);
    }
  }

  /** Whether the finding's rule is the waived one ({@code *} waives every rule). */
  public boolean matchesRule(Finding f) {
    return rule.equals("*") || rule.equalsIgnoreCase(f.ruleId());
  }

  /** The waiver applies up to and including its expiry day. */
  public boolean expiredOn(LocalDate today) {
    return today.isAfter(expires);
  }
}
