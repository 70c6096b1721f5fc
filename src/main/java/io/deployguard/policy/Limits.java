package io.deployguard.policy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The range a numeric configuration key accepts, declared once on the key's record component (or
 * on a value type such as a port). The configuration loader enforces it while it binds the key,
 * so the error names the key and its line; the schema test holds {@code deployguard.schema.json}
 * to the same bounds.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD,
    ElementType.TYPE})
public @interface Limits {
  /** The smallest value accepted (or the bound just below it, with {@link #minExclusive}). */
  double min() default Double.NEGATIVE_INFINITY;

  /** The largest value accepted (or the bound just above it, with {@link #maxExclusive}). */
  double max() default Double.POSITIVE_INFINITY;

  /** {@code min} itself is refused. */
  boolean minExclusive() default false;

  /** {@code max} itself is refused. */
  boolean maxExclusive() default false;

  /** Checks a value against its {@link Limits}. */
  final class Check {
    private Check() {}

    /**
     * What is wrong with {@code value}, as the rest of a sentence about its key ({@code 40 is
     * outside 0-32}), or {@code null} when it is within the limits.
     */
    public static String problem(Limits limits, double value) {
      boolean low = limits.minExclusive() ? !(value > limits.min()) : !(value >= limits.min());
      boolean high = limits.maxExclusive() ? !(value < limits.max()) : !(value <= limits.max());
      if (!low && !high) {
        return null;
      }
      boolean bothFinite = Double.isFinite(limits.min()) && Double.isFinite(limits.max());
      if (bothFinite && !limits.minExclusive() && !limits.maxExclusive()) {
        return text(value) + " is outside " + text(limits.min()) + "-" + text(limits.max());
      }
      StringBuilder sb = new StringBuilder("must be");
      if (Double.isFinite(limits.min())) {
        sb.append(limits.minExclusive() ? " more than " : " at least ").append(text(limits.min()));
      }
      if (Double.isFinite(limits.max())) {
        sb.append(Double.isFinite(limits.min()) ? " and" : "")
            .append(limits.maxExclusive() ? " below " : " at most ").append(text(limits.max()));
      }
      return sb.append(", got ").append(text(value)).toString();
    }

    /** {@code 16}, {@code 0.9}, {@code 1000000000}: whole numbers without a decimal point. */
    public static String text(double v) {
      return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
  }
}
