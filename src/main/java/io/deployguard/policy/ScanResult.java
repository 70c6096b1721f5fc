package io.deployguard.policy;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * Everything one run found, in a deterministic order, with the rules that ran and the inputs it
 * read. Reporters render nothing but this.
 *
 * @param toolVersion deployguard's version
 * @param inputs what was scanned, in the order given
 * @param rules metadata of every rule that was evaluated, sorted by id, one per id
 * @param findings all findings, suppressed ones included, sorted
 * @param errors inputs that could not be scanned, sorted
 * @param failOn the threshold at which findings fail the run
 * @param notes further facts for the reader that are not violations (cost estimates, actions
 *     taken), in the order they were added
 * @param softFail whether failing findings were asked not to fail the run ({@code --soft-fail}):
 *     the verdict stays {@code FAIL}, and reports say that it does not fail the run
 */
public record ScanResult(
    String toolVersion,
    List<String> inputs,
    List<RuleMetadata> rules,
    List<Finding> findings,
    List<ScanError> errors,
    Severity failOn,
    List<Note> notes,
    boolean softFail) {

  /** A result without soft fail. */
  public ScanResult(String toolVersion, List<String> inputs, List<RuleMetadata> rules, List<Finding> findings,
      List<ScanError> errors, Severity failOn, List<Note> notes) {
    this(toolVersion, inputs, rules, findings, errors, failOn, notes, false);
  }

  /**
   * Order of findings: input, line, resource, rule, key, message; then the remaining fields, so
   * that the order never depends on the order the rules ran in.
   */
  public static final Comparator<Finding> ORDER = ScanResult::compare;

  // Written out, not chained from Comparator.comparing: sorting the 20,000 findings of a large
  // plan called a dozen lambdas per comparison, and most comparisons stop at the first field.
  private static int compare(Finding a, Finding b) {
    Location la = a.location();
    Location lb = b.location();
    int c = text(la.input(), lb.input());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(la.line() == null ? 0 : la.line(), lb.line() == null ? 0 : lb.line());
    if (c != 0) {
      return c;
    }
    c = text(a.resource(), b.resource());
    if (c != 0) {
      return c;
    }
    c = text(a.ruleId(), b.ruleId());
    if (c != 0) {
      return c;
    }
    c = text(a.key(), b.key());
    if (c != 0) {
      return c;
    }
    c = text(a.message(), b.message());
    if (c != 0) {
      return c;
    }
    c = b.severity().compareTo(a.severity());
    if (c != 0) {
      return c;
    }
    c = text(la.pointer() == null ? "" : la.pointer(), lb.pointer() == null ? "" : lb.pointer());
    if (c != 0) {
      return c;
    }
    c = text(suppression(a), suppression(b));
    if (c != 0) {
      return c;
    }
    c = text(a.fix(), b.fix());
    if (c != 0) {
      return c;
    }
    c = text(a.title(), b.title());
    return c != 0 ? c : text(a.details().toString(), b.details().toString());
  }

  private static int text(String a, String b) {
    return a == b ? 0 : a.compareTo(b);
  }

  private static String suppression(Finding f) {
    return f.suppression() == null ? "" : f.suppression().kind() + " " + f.suppression().reason();
  }

  /** Order of errors: input, place, message, hint. */
  private static int compareErrors(ScanError a, ScanError b) {
    int c = a.input().compareTo(b.input());
    if (c == 0) {
      c = a.place().compareTo(b.place());
    }
    if (c == 0) {
      c = a.message().compareTo(b.message());
    }
    return c != 0 ? c : a.hint().compareTo(b.hint());
  }

  public ScanResult {
    Objects.requireNonNull(toolVersion, "toolVersion");
    Objects.requireNonNull(failOn, "failOn");
    inputs = List.copyOf(inputs);
    // One entry per id (the first given wins): commands may list rules the runner adds too.
    Map<String, RuleMetadata> byId = new TreeMap<>();
    for (RuleMetadata x : rules) {
      byId.putIfAbsent(x.id(), x);
    }
    rules = List.copyOf(byId.values());
    findings = sorted(findings);
    List<ScanError> e = new ArrayList<>(errors);
    // Sorted only when there is something to sort: a run without errors links no comparator.
    if (e.size() > 1) {
      e.sort(ScanResult::compareErrors);
    }
    errors = List.copyOf(e);
    notes = List.copyOf(notes);
  }

  /**
   * {@code findings} in {@link #ORDER}, unmodifiable; the findings of another result (given again
   * by {@link #withNote}, {@link #withSoftFail} or {@link #merge} of an empty result) are kept as
   * they are.
   */
  private static List<Finding> sorted(List<Finding> findings) {
    if (findings instanceof InOrder) {
      return findings;
    }
    List<Finding> f = new ArrayList<>(findings);
    f.sort(ORDER);
    return new InOrder(List.copyOf(f));
  }

  /** Findings in {@link #ORDER} that no one can change: the findings of a result. */
  private static final class InOrder extends AbstractList<Finding> implements RandomAccess {
    private final List<Finding> findings;

    InOrder(List<Finding> findings) {
      this.findings = findings;
    }

    @Override
    public Finding get(int index) {
      return findings.get(index);
    }

    @Override
    public int size() {
      return findings.size();
    }
  }

  /** A titled paragraph shown after the findings (text, markdown) or as extra data (json). */
  public record Note(String title, String text) {
    public Note {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(text, "text");
    }
  }

  /** Findings that count: not suppressed and at or above the threshold. */
  public List<Finding> failing() {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (fails(f)) {
        out.add(f);
      }
    }
    return Collections.unmodifiableList(out);
  }

  private boolean fails(Finding f) {
    return !f.suppressed() && f.severity().atLeast(failOn);
  }

  /** Findings that are not suppressed, whatever their severity. */
  public List<Finding> active() {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (!f.suppressed()) {
        out.add(f);
      }
    }
    return Collections.unmodifiableList(out);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The verdict: errors win over findings, findings over a pass. */
  public Verdict verdict() {
    if (hasErrors()) {
      return Verdict.ERROR;
    }
    for (Finding f : findings) {
      if (fails(f)) {
        return Verdict.FAIL;
      }
    }
    return Verdict.PASS;
  }

  /** Merges the results of several scans of one run (their rules, findings and errors). */
  public ScanResult merge(ScanResult other) {
    List<String> in = new ArrayList<>(inputs);
    other.inputs.stream().filter(i -> !in.contains(i)).forEach(in::add);
    List<RuleMetadata> ru = new ArrayList<>(rules);
    ru.addAll(other.rules);
    List<Finding> fi = new ArrayList<>(findings);
    fi.addAll(other.findings);
    List<ScanError> er = new ArrayList<>(errors);
    er.addAll(other.errors);
    List<Note> no = new ArrayList<>(notes);
    no.addAll(other.notes);
    return new ScanResult(toolVersion, in, ru, fi, er, failOn, no, softFail || other.softFail);
  }

  /** This result with {@code note} after its other notes. */
  public ScanResult withNote(Note note) {
    List<Note> no = new ArrayList<>(notes);
    no.add(note);
    return new ScanResult(toolVersion, inputs, rules, findings, errors, failOn, no, softFail);
  }

  /** This result, with soft fail on or off. */
  public ScanResult withSoftFail(boolean on) {
    return new ScanResult(toolVersion, inputs, rules, findings, errors, failOn, notes, on);
  }

  /** The outcome of a run. */
  public enum Verdict {
    PASS,
    FAIL,
    ERROR
  }
}
