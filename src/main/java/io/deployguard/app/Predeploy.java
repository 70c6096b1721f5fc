package io.deployguard.app;

import io.deployguard.capacity.CapacityRules;
import io.deployguard.capacity.EvictionRiskRule;
import io.deployguard.capacity.ImageFootprint;
import io.deployguard.capacity.NodeDisk;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The pre-deploy check as one call, for front ends that are not the command line (the Jenkins
 * step, GitLab jobs): inputs in, {@link Outcome} out (the result, the exit code, a build result,
 * a one-line summary and the reports written). Input kinds are scanned by the {@link Scanner}s
 * it is given, normally {@link Scanners#all()}.
 */
public final class Predeploy {

  /** What an input is; each kind has one scanner. */
  public enum InputKind {
    PLAN,
    DOCKERFILE,
    IMAGE;

    /** The lower-case name used in messages and configuration ({@code plan}, {@code image}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One input as given: the text the user wrote ({@code plan.json}, {@code docker-archive:app.tar})
   * and the folder relative paths in it are read from.
   */
  public record Input(InputKind kind, String spec, Path baseDir) {
    public Input {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(spec, "spec");
      Objects.requireNonNull(baseDir, "baseDir");
    }

    /** {@code spec} as a path resolved against {@code baseDir}, for inputs that are files. */
    public Path path() {
      return baseDir.resolve(spec).normalize();
    }

    /**
     * What reports call this input: the path it is read from ({@code docker-archive:} and the
     * path, for an image archive), which is how the readers name it in their findings and errors.
     * {@code spec} stays its identity ({@code eks.images} refers to images by it).
     */
    public String name() {
      return kind == InputKind.IMAGE ? Scanners.imageSpec(this) : path().toString();
    }

    /** The suppression comments written in this input. */
    public List<io.deployguard.policy.Ignore> ignores() {
      return kind == InputKind.DOCKERFILE
          ? io.deployguard.docker.DockerfileIgnores.read(io.deployguard.docker.dockerfile.DockerfileScan.resolve(path()))
          : List.of();
    }

    /** How reports and fingerprints name this input's findings (see {@link Naming}). */
    public Naming naming() {
      return switch (kind) {
        case PLAN -> Naming.plan(path(), name());
        case DOCKERFILE -> Naming.file(path());
        case IMAGE -> Naming.image();
      };
    }
  }

  /** Scans inputs of one kind. {@code scan} throws {@link io.deployguard.policy.InputException} on unreadable input. */
  public interface Scanner {
    /** The rules this scanner evaluates (listed in reports). */
    List<RuleMetadata> rules();

    /**
     * Scans one input; records in {@code facts} what checks across inputs need (node disks,
     * image sizes).
     */
    List<Finding> scan(Input input, ConfigLoader.Loaded config, Facts facts);

    /** A scanner from its rules and a function that needs nothing from other inputs. */
    static Scanner of(List<RuleMetadata> rules, BiFunction<Input, ConfigLoader.Loaded, List<Finding>> scan) {
      return withFacts(rules, (input, config, facts) -> scan.apply(input, config));
    }

    /** A scanner from its rules and a function that also records facts. */
    static Scanner withFacts(List<RuleMetadata> rules, FactScan scan) {
      List<RuleMetadata> copy = List.copyOf(rules);
      return new Scanner() {
        @Override
        public List<RuleMetadata> rules() {
          return copy;
        }

        @Override
        public List<Finding> scan(Input input, ConfigLoader.Loaded config, Facts facts) {
          return scan.scan(input, config, facts);
        }
      };
    }
  }

  /** The function behind {@link Scanner#withFacts}. */
  @FunctionalInterface
  public interface FactScan {
    List<Finding> scan(Input input, ConfigLoader.Loaded config, Facts facts);
  }

  /**
   * What the scans of one run learned that checks across inputs need: the plans' node-group
   * disks and the scanned images' sizes. Filled as inputs are scanned, read once all are done.
   */
  public static final class Facts {
    private final List<NodeDisk> nodeDisks = new ArrayList<>();
    private final List<ImageFootprint> images = new ArrayList<>();

    public void nodeDisk(NodeDisk d) {
      nodeDisks.add(d);
    }

    public void image(ImageFootprint i) {
      images.add(i);
    }

    public List<NodeDisk> nodeDisks() {
      return List.copyOf(nodeDisks);
    }

    public List<ImageFootprint> images() {
      return List.copyOf(images);
    }
  }

  /** A CI server's verdict on the build. */
  public enum BuildResult {
    SUCCESS,
    UNSTABLE,
    FAILURE
  }

  /**
   * What to check and how to judge it.
   *
   * @param judging where the run happens, its configuration, threshold and reports
   * @param inputs inputs by kind; when all are empty, the configuration's {@code predeploy:} lists
   * @param logIngestionGbPerDay expected log ingestion in GB a day for the cost estimate, or
   *     {@code null} for the configuration's
   */
  public record Request(Judging judging, Map<InputKind, List<String>> inputs, Double logIngestionGbPerDay) {

    public Request {
      Objects.requireNonNull(judging, "judging");
      Map<InputKind, List<String>> copy = new EnumMap<>(InputKind.class);
      (inputs == null ? Map.<InputKind, List<String>>of() : inputs).forEach((k, v) -> copy.put(k, List.copyOf(v)));
      inputs = java.util.Collections.unmodifiableMap(copy);
    }

    /** The folder relative paths are read from. */
    public Path baseDir() {
      return judging.baseDir();
    }

    /** A request for {@code baseDir} with nothing else set yet. */
    public static Builder in(Path baseDir) {
      return new Builder(baseDir);
    }

    /** Fills a {@link Request} one setting at a time (front ends with many optional fields). */
    public static final class Builder extends JudgingBuilder<Builder> {
      private final Map<InputKind, List<String>> inputs = new EnumMap<>(InputKind.class);
      private Double logIngestionGbPerDay;

      private Builder(Path baseDir) {
        super(baseDir);
      }

      public Builder inputs(InputKind kind, List<String> specs) {
        inputs.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(specs);
        return this;
      }

      public Builder logIngestionGbPerDay(Double gbPerDay) {
        this.logIngestionGbPerDay = gbPerDay;
        return this;
      }

      public Request build() {
        return new Request(judging(), inputs, logIngestionGbPerDay);
      }
    }
  }

  /**
   * What happened.
   *
   * @param result every finding and error, sorted
   * @param exitCode what the command line would exit with (see {@link ExitStatus})
   * @param buildResult the verdict for a CI server
   * @param summary one line for a build log or status: the build result and {@link io.deployguard.report.RunSummary#line()}
   * @param reports written reports by format, in the order requested
   */
  public record Outcome(ScanResult result, int exitCode, BuildResult buildResult, String summary,
      Map<String, Path> reports) {
    public Outcome {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(buildResult, "buildResult");
      Objects.requireNonNull(summary, "summary");
      reports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    }
  }

  private final Map<InputKind, Scanner> scanners;
  private final Supplier<LocalDate> today;

  /**
   * @param scanners the scanner of each input kind this build has
   * @param today the day waiver expiry is judged against
   */
  public Predeploy(Map<InputKind, Scanner> scanners, Supplier<LocalDate> today) {
    this.scanners = Map.copyOf(scanners);
    this.today = Objects.requireNonNull(today, "today");
  }

  /** Every scanner of this build, judging expiry by today's UTC date. */
  public static Predeploy standard() {
    return new Predeploy(Scanners.all(), () -> LocalDate.now(ZoneOffset.UTC));
  }

  /**
   * Runs the check. Unreadable inputs do not throw: they are errors in the result (exit 3,
   * FAILURE).
   *
   * @throws ConfigException when the configuration, baseline, a format or the inputs are wrong
   *     (the command line exits 2)
   */
  public Outcome run(Request request) {
    return FacadeRun.run(request.judging(), today.get(), config -> {
      Session session = session(inputs(request, config), config, request.logIngestionGbPerDay());
      return new FacadeRun.Scans(session.jobs(), session.rules(), session::crossChecks, session::annotate);
    });
  }

  /**
   * One run over {@code inputs}: the jobs that scan them, the rules they evaluate, the checks
   * across inputs once all are scanned (EKS001 needs the plans' node disks and the images'
   * sizes), and the notes the reports get (the log cost estimate). The command line and {@link
   * #run} both go through it.
   *
   * @param logIngestionGbPerDay expected log ingestion from the command line, or {@code null}
   *     for the configuration's
   * @throws ConfigException when an input kind has no scanner in this build
   */
  public Session session(List<Input> inputs, ConfigLoader.Loaded config, Double logIngestionGbPerDay) {
    return session(inputs, config, logIngestionGbPerDay, null);
  }

  /**
   * As {@link #session(List, ConfigLoader.Loaded, Double)}, with {@code sourceRoot} ({@code
   * --source-root}, or {@code null} for the configuration's) as where the plans' {@code .tf} files are.
   */
  public Session session(List<Input> inputs, ConfigLoader.Loaded config, Double logIngestionGbPerDay, Path sourceRoot) {
    return new Session(inputs, config, logIngestionGbPerDay, sourceRoot);
  }

  /** The inputs of one run; see {@link #session}. */
  public final class Session {
    private final ConfigLoader.Loaded config;
    private final Facts facts = new Facts();
    private final List<ScanRunner.Job> jobs = new ArrayList<>();
    private final List<RuleMetadata> rules = new ArrayList<>();
    private final boolean crossChecked;
    private final Double logIngestionGbPerDay;
    private final PlanSources sources;

    private Session(List<Input> inputs, ConfigLoader.Loaded config, Double logIngestionGbPerDay, Path sourceRoot) {
      this.config = config;
      this.sources = new PlanSources(sourceRoot != null ? sourceRoot : config.sourceRoot());
      this.logIngestionGbPerDay = logIngestionGbPerDay;
      for (Input input : inputs) {
        Scanner scanner = scanners.get(input.kind());
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
      crossChecked = kinds.contains(InputKind.PLAN) && kinds.contains(InputKind.IMAGE);
      if (crossChecked) {
        rules.addAll(CapacityRules.RULES.metadata());
      }
    }

    public List<ScanRunner.Job> jobs() {
      return List.copyOf(jobs);
    }

    public List<RuleMetadata> rules() {
      return List.copyOf(rules);
    }

    /** EKS001 over every node group and image scanned; nothing unless plans and images were given. */
    public List<Finding> crossChecks() {
      if (!crossChecked) {
        return List.of();
      }
      return CapacityRules.RULES.evaluate(new EvictionRiskRule.Input(facts.nodeDisks(), facts.images()),
          config.config().eks());
    }

    /** Adds the log cost estimate when a log volume is given. */
    public ScanResult annotate(ScanResult result) {
      return sources.annotate(CostNotes.withLogCost(result, config.config().logs(), logIngestionGbPerDay));
    }
  }

  /** The request's inputs, or the configuration's {@code predeploy:} lists when it gives none. */
  public static List<Input> inputs(Request request, ConfigLoader.Loaded config) {
    List<Input> given = new ArrayList<>();
    request.inputs().forEach((kind, specs) -> specs.forEach(s -> given.add(new Input(kind, s, request.baseDir()))));
    if (!given.isEmpty()) {
      return given;
    }
    // The configuration's folder as it was given (relative stays relative), so that reports name
    // the inputs as the user would: plan.json, or svc/plan.json for --config svc/deployguard.yml.
    Path folder = config.path() == null ? null : config.path().getParent();
    Path dir = config.path() == null ? request.baseDir() : folder == null ? Path.of("") : folder;
    config.config().predeploy().plans().forEach(s -> given.add(new Input(InputKind.PLAN, s, dir)));
    config.config().predeploy().dockerfiles().forEach(s -> given.add(new Input(InputKind.DOCKERFILE, s, dir)));
    config.config().predeploy().images().forEach(s -> given.add(new Input(InputKind.IMAGE, s, dir)));
    if (given.isEmpty()) {
      throw new ConfigException((config.path() == null ? "deployguard.yml" : config.path().toString())
          + ": nothing to check (give plans, Dockerfiles or images, or list them under predeploy: in the configuration)");
    }
    return given;
  }

  /**
   * Input errors fail the build; failing findings fail it too, or make it unstable under soft
   * fail; findings at or above {@code unstableAt} make it unstable.
   */
  public static BuildResult buildResult(ScanResult result, boolean softFail, Severity unstableAt) {
    if (result.hasErrors()) {
      return BuildResult.FAILURE;
    }
    if (!result.failing().isEmpty()) {
      return softFail ? BuildResult.UNSTABLE : BuildResult.FAILURE;
    }
    boolean unstable = unstableAt != null && result.active().stream().anyMatch(f -> f.severity().atLeast(unstableAt));
    return unstable ? BuildResult.UNSTABLE : BuildResult.SUCCESS;
  }
}
