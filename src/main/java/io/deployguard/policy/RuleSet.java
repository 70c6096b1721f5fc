package io.deployguard.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One family's rules in one explicit list (no classpath scanning), and the one loop that runs
 * them. Every family (network, Dockerfile, image, capacity, logs, alarms) declares its rules as a
 * {@code RuleSet}; the rule catalogue, the {@code rules} command and the scanners read the
 * metadata from here, so a rule added to the list is run, listed and documented in one step.
 * Ids are unique within a set; findings come out at default severities, rule by rule in list
 * order for each subject in input order.
 *
 * @param <T> what the rules look at
 * @param <C> the settings they read
 */
public final class RuleSet<T, C> {

  private final List<Rule<T, C>> rules;

  private RuleSet(List<Rule<T, C>> rules) {
    this.rules = List.copyOf(rules);
    Set<String> ids = new HashSet<>();
    for (Rule<T, C> r : this.rules) {
      if (!ids.add(r.metadata().id())) {
        throw new IllegalArgumentException("rule id " + r.metadata().id() + " is listed twice");
      }
    }
  }

  /** The rules, in the order given (id order by convention). */
  @SafeVarargs
  public static <T, C> RuleSet<T, C> of(Rule<T, C>... rules) {
    return new RuleSet<>(List.of(rules));
  }

  /** The rules, in list order. */
  public List<Rule<T, C>> rules() {
    return rules;
  }

  /** The metadata of every rule, in list order. */
  public List<RuleMetadata> metadata() {
    List<RuleMetadata> out = new ArrayList<>(rules.size());
    for (Rule<T, C> r : rules) {
      out.add(r.metadata());
    }
    return Collections.unmodifiableList(out);
  }

  /** The ids of every rule. */
  public Set<String> ids() {
    Set<String> out = new HashSet<>();
    for (Rule<T, C> r : rules) {
      out.add(r.metadata().id());
    }
    return Set.copyOf(out);
  }

  /** The rules that {@code keep} accepts, as a set of their own (for a family that judges a subject twice). */
  public RuleSet<T, C> only(Predicate<Rule<T, C>> keep) {
    return new RuleSet<>(rules.stream().filter(keep).toList());
  }

  /** Every finding of every rule on {@code subject}. */
  public List<Finding> evaluate(T subject, C settings) {
    List<Finding> out = new ArrayList<>();
    evaluate(subject, settings, out);
    return out;
  }

  /** Adds every finding of every rule on {@code subject} to {@code out}: no list per subject. */
  public void evaluate(T subject, C settings, List<Finding> out) {
    Objects.requireNonNull(subject, "subject");
    for (Rule<T, C> r : rules) {
      List<Finding> found = r.check(subject, settings);
      if (!found.isEmpty()) {
        out.addAll(found);
      }
    }
  }

  /** Every finding of every rule on each of {@code subjects}, subject by subject. */
  public List<Finding> evaluateEach(Collection<? extends T> subjects, C settings) {
    List<Finding> out = new ArrayList<>();
    for (T s : subjects) {
      evaluate(s, settings, out);
    }
    return out;
  }

  /** The metadata of several sets, in order: a scanner that runs more than one family. */
  public static List<RuleMetadata> metadata(RuleSet<?, ?>... sets) {
    List<RuleMetadata> out = new ArrayList<>();
    for (RuleSet<?, ?> s : sets) {
      out.addAll(s.metadata());
    }
    return List.copyOf(out);
  }
}
