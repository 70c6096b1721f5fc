package io.deployguard.app;

import io.deployguard.capacity.CapacityRules;
import io.deployguard.capacity.EvictionRiskRule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-deploy scan: plans, Dockerfiles and images in one run, each input read by the {@link
 * InputScanner} of its kind (normally {@link Scanners#all}), with the check that needs them
 * together (EKS001: the plans' node disks against the images' sizes) and the log cost note.
 * {@link ScanRun} runs the {@link Scan} it prepares.
 */
public final class Predeploy {
  private final Map<InputKind, InputScanner> scanners;

  /** @param scanners the scanner of each input kind this build has */
  public Predeploy(Map<InputKind, InputScanner> scanners) {
    this.scanners = Map.copyOf(scanners);
  }

  /** Every scanner of this build; images in the Docker Engine are read from {@code dockerHost}. */
  public static Predeploy standard(String dockerHost) {
    return new Predeploy(Scanners.all(dockerHost));
  }

  /**
   * The scan of {@code inputs}: a job per input, the rules they evaluate, EKS001 across them once
   * all are scanned (only when plans and images were both given), and the log cost estimate.
   *
   * @param logIngestionGbPerDay expected log ingestion from the command line, or {@code null}
   *     for the configuration's
   * @param sourceRoot {@code --source-root}, or {@code null} for the configuration's: where the
   *     plans' {@code .tf} files are
   * @throws ConfigException when an input kind has no scanner in this build
   */
  public Scan scan(List<PredeployInput> inputs, ConfigLoader.Loaded config, Double logIngestionGbPerDay,
      Path sourceRoot) {
    ScanFacts facts = new ScanFacts();
    PlanSources sources = new PlanSources(sourceRoot != null ? sourceRoot : config.sourceRoot());
    List<ScanRunner.Job> jobs = new ArrayList<>();
    List<RuleMetadata> rules = new ArrayList<>();
    for (PredeployInput input : inputs) {
      InputScanner scanner = scanners.get(input.kind());
      if (scanner == null) {
        throw new ConfigException(input.spec() + ": this build of deployguard cannot scan " + input.kind().label()
            + " inputs (scanners here: " + scanners.keySet().stream().sorted().map(InputKind::label).toList() + ")");
      }
      scanner.rules().stream().filter(r -> !rules.contains(r)).forEach(rules::add);
      jobs.add(input.kind() == InputKind.PLAN
          ? sources.job(input.path(), input.name(), () -> scanner.scan(input, config, facts))
          : new ScanRunner.Job(input.name(), () -> scanner.scan(input, config, facts), input.naming(), input::ignores));
    }
    Set<InputKind> kinds = EnumSet.noneOf(InputKind.class);
    inputs.forEach(i -> kinds.add(i.kind()));
    boolean crossChecked = kinds.contains(InputKind.PLAN) && kinds.contains(InputKind.IMAGE);
    if (crossChecked) {
      rules.addAll(CapacityRules.RULES.metadata());
    }
    ScanRunner.InputScan eviction = () -> crossChecked
        ? CapacityRules.RULES.evaluate(new EvictionRiskRule.Input(facts.nodeDisks(), facts.images()),
            config.config().eks())
        : List.<Finding>of();
    return new Scan(jobs, rules, eviction,
        result -> sources.annotate(CostNotes.withLogCost(result, config.config().logs(), logIngestionGbPerDay)));
  }

  /**
   * The inputs given by kind (relative to {@code baseDir}), or the configuration's {@code
   * predeploy:} lists when none is given.
   *
   * @throws ConfigException when neither gives anything to check
   */
  public static List<PredeployInput> inputs(Map<InputKind, List<String>> byKind, Path baseDir,
      ConfigLoader.Loaded config) {
    List<PredeployInput> given = new ArrayList<>();
    for (InputKind kind : InputKind.values()) {
      byKind.getOrDefault(kind, List.of()).forEach(s -> given.add(new PredeployInput(kind, s, baseDir)));
    }
    if (!given.isEmpty()) {
      return given;
    }
    // The configuration's folder as it was given (relative stays relative), so that reports name
    // the inputs as the user would: plan.json, or svc/plan.json for --config svc/deployguard.yml.
    Path folder = config.path() == null ? null : config.path().getParent();
    Path dir = config.path() == null ? baseDir : folder == null ? Path.of("") : folder;
    config.config().predeploy().plans().forEach(s -> given.add(new PredeployInput(InputKind.PLAN, s, dir)));
    config.config().predeploy().dockerfiles().forEach(s -> given.add(new PredeployInput(InputKind.DOCKERFILE, s, dir)));
    config.config().predeploy().images().forEach(s -> given.add(new PredeployInput(InputKind.IMAGE, s, dir)));
    if (given.isEmpty()) {
      throw new ConfigException((config.path() == null ? "deployguard.yml" : config.path().toString())
          + ": nothing to check (give plans, Dockerfiles or images, or list them under predeploy: in the configuration)");
    }
    return given;
  }
}
