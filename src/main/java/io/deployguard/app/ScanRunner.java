package io.deployguard.app;

import io.deployguard.policy.Baseline;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Ignore;
import io.deployguard.policy.Location;
import io.deployguard.policy.InputException;
import io.deployguard.policy.PolicyEngine;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Waiver;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one scan per input, turns unreadable inputs into {@link ScanError}s (every input is still
 * tried, and any error fails the run), then applies the policy to all findings at once.
 */
public final class ScanRunner {

  /** Scans one input; throws {@link InputException} when the input cannot be read. */
  @FunctionalInterface
  public interface InputScan {
    List<Finding> scan();
  }

  /** The suppressions written in one input, read after it was scanned. */
  @FunctionalInterface
  public interface InputIgnores {
    /** Suppressions of the input, with no input of their own: the runner binds them to it. */
    List<Ignore> read();
  }

  /**
   * One input, how to scan it, how its findings are named, and the suppressions written in it.
   */
  public record Job(String input, InputScan scan, Naming naming, InputIgnores ignores) {
    /** An input whose findings keep the names their reader gave them. */
    public Job(String input, InputScan scan) {
      this(input, scan, Naming.AS_READ);
    }

    /** An input without suppressions written in it. */
    public Job(String input, InputScan scan, Naming naming) {
      this(input, scan, naming, List::of);
    }
  }

  private final PolicySettings settings;
  private final Baseline baseline;
  private final LocalDate today;
  private final SourceRoot root;
  private final List<Ignore> ignores;

  /** A runner that names files from the repository root of the working directory. */
  public ScanRunner(PolicySettings settings, Baseline baseline, LocalDate today) {
    this(settings, baseline, today, SourceRoot.find(null, Path.of("")));
  }

  /**
   * @param root what file paths in findings, fingerprints and waivers are relative to
   */
  public ScanRunner(PolicySettings settings, Baseline baseline, LocalDate today, SourceRoot root) {
    this(settings, baseline, today, root, List.of());
  }

  private ScanRunner(PolicySettings settings, Baseline baseline, LocalDate today, SourceRoot root, List<Ignore> ignores) {
    this.settings = withRoot(settings, root);
    this.baseline = baseline;
    this.today = today;
    this.root = root;
    this.ignores = List.copyOf(ignores);
  }

  /** This runner, also suppressing what {@code more} match ({@code --skip-rule}). */
  public ScanRunner ignoring(List<Ignore> more) {
    List<Ignore> all = new ArrayList<>(ignores);
    all.addAll(more);
    return new ScanRunner(settings, baseline, today, root, all);
  }

  /** Waivers' resource and input patterns in the spelling findings are named in. */
  private static PolicySettings withRoot(PolicySettings s, SourceRoot root) {
    List<Waiver> waivers = new ArrayList<>(s.waivers().size());
    for (Waiver w : s.waivers()) {
      waivers.add(new Waiver(w.rule(), root.pattern(w.resource()), w.reason(), w.expires(), w.source(),
          w.input() == null ? null : root.pattern(w.input())));
    }
    return new PolicySettings(s.failOn(), s.rules(), waivers);
  }

  private static Set<String> knownIds;

  /** A suppression comment names a rule that exists: a misspelt id would silently suppress nothing. */
  private static void checkRule(Ignore ig, Job job) {
    if (knownIds == null) {
      knownIds = new java.util.TreeSet<>(RuleCatalogue.all().stream().map(RuleMetadata::id).toList());
    }
    if (!knownIds.contains(ig.rule())) {
      throw new InputException(ig.input() != null ? ig.input() : job.input(), "line " + ig.source().line(), "the suppression comment names no rule '"
          + ig.rule() + "'" + RuleIds.suggestion(ig.rule(), knownIds), "use an id that 'deployguard rules' lists");
    }
  }

  public ScanResult run(List<Job> jobs, List<RuleMetadata> rules) {
    return run(jobs, rules, List::of);
  }

  /**
   * Runs {@code jobs}, then {@code afterAll}: checks across inputs that need what the jobs found
   * (their findings join the others before the policy is applied).
   */
  public ScanResult run(List<Job> jobs, List<RuleMetadata> rules, InputScan afterAll) {
    List<Finding> raw = new ArrayList<>();
    List<ScanError> errors = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    Set<String> legacyAccepted = new HashSet<>();
    List<Ignore> allIgnores = new ArrayList<>(ignores);
    for (Job job : jobs) {
      String input = job.naming().input(job.input(), root);
      inputs.add(input);
      try {
        List<Finding> read = job.scan().scan();
        for (Ignore ig : job.ignores().read()) {
          checkRule(ig, job);
          // Suppressions of the input itself are bound to it; those of files beside it (.tf) name their file.
          String in = ig.input() == null ? input : root.name(Path.of(ig.input()));
          Ignore bound = new Ignore(ig.rule(), in, ig.fromLine(), ig.toLine(), ig.reason(),
              new Location(in, ig.source().line(), ig.source().pointer()), ig.kind());
          if (!allIgnores.contains(bound)) {
            allIgnores.add(bound);
          }
        }
        List<Finding> named = job.naming().findings(read, root);
        if (baseline.legacy()) {
          // A version 1 baseline holds the fingerprints of findings as their readers named them.
          for (int i = 0; i < read.size(); i++) {
            if (baseline.fingerprints().contains(read.get(i).fingerprint())) {
              legacyAccepted.add(named.get(i).fingerprint());
            }
          }
        }
        raw.addAll(named);
      } catch (InputException e) {
        errors.add(job.naming().error(ScanError.of(e), root));
      }
      // Anything else is a bug, not an unreadable input: it ends the run as an internal error.
    }
    for (Finding f : afterAll.scan()) {
      for (Job job : jobs) {
        f = job.naming().renamed(f, root);
      }
      raw.add(f);
    }
    List<RuleMetadata> all = new ArrayList<>(rules);
    all.addAll(PolicyEngine.RULES);
    Baseline effective = baseline;
    if (baseline.legacy()) {
      legacyAccepted.addAll(baseline.fingerprints());
      effective = new Baseline(legacyAccepted);
    }
    Set<String> ran = new HashSet<>();
    for (RuleMetadata r : rules) {
      if (settings.enabled(r.id())) {
        ran.add(r.id());
      }
    }
    List<Finding> judged = new PolicyEngine(settings, effective, today)
        .apply(raw, new PolicyEngine.Ran(ran, inputs), allIgnores);
    return new ScanResult(Version.get(), inputs, all, judged, errors, settings.failOn(), List.of());
  }
}
