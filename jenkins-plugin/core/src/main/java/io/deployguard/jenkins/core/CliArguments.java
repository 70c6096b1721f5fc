package io.deployguard.jenkins.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line a step runs, after {@code java -jar deployguard-VERSION-all.jar}: the step's
 * parameters as the options {@code deployguard predeploy} and {@code deployguard postdeploy} take,
 * the text report on standard output (for the build log) and every report file under the
 * reports directory. Every option takes its value as {@code --option=value}. {@code --soft-fail} is never passed: exit code 1 must stay visible so the
 * step can tell findings from a pass (it turns them into UNSTABLE itself).
 */
public final class CliArguments {
  private CliArguments() {}

  /**
   * What {@code deployguardPredeploy} scans.
   *
   * @param plans plan JSON files, patterns already expanded
   * @param dockerfiles Dockerfiles, patterns already expanded
   * @param images image sources ({@code docker-archive:PATH} ...)
   * @param config the configuration file, or empty for the command line's default
   * @param failOn the threshold, or {@code null} for the configuration's
   * @param sast whether to write the GitLab SAST report too
   */
  public record Predeploy(List<String> plans, List<String> dockerfiles, List<String> images, String config,
      Severity failOn, boolean sast) {
    public Predeploy {
      plans = List.copyOf(plans);
      dockerfiles = List.copyOf(dockerfiles);
      images = List.copyOf(images);
      config = config == null ? "" : config.trim();
    }

    /** Every workspace path this scan reads, for {@link ReportsDir#checkHoldsNone}. */
    public List<String> inputPaths() {
      List<String> paths = new ArrayList<>(plans);
      paths.addAll(dockerfiles);
      images.stream().map(InputSpecs::imagePath).filter(p -> p != null).forEach(paths::add);
      if (!config.isEmpty()) {
        paths.add(config);
      }
      return paths;
    }
  }

  /**
   * What {@code deployguardPostdeploy} checks.
   *
   * @param regions the regions, or none for the configuration, then {@code AWS_REGION} of the step's environment
   * @param config the configuration file, or empty for the command line's default
   * @param plan a plan JSON for drift (DRIFT001) and plan-driven alarms, or empty
   * @param failOn the threshold, or {@code null} for the configuration's
   * @param apply whether to revoke violating rules (and create missing alarms with {@code createMissingAlarms})
   * @param createMissingAlarms whether to create missing alarms; only with {@code apply} does anything change
   */
  public record Postdeploy(List<String> regions, String config, String plan, Severity failOn, boolean apply,
      boolean createMissingAlarms) {
    public Postdeploy {
      regions = List.copyOf(regions);
      config = config == null ? "" : config.trim();
      plan = plan == null ? "" : plan.trim();
    }

    /** Every workspace path this check reads, for {@link ReportsDir#checkHoldsNone}. */
    public List<String> inputPaths() {
      List<String> paths = new ArrayList<>();
      if (!config.isEmpty()) {
        paths.add(config);
      }
      if (!plan.isEmpty()) {
        paths.add(plan);
      }
      return paths;
    }
  }

  /** {@code predeploy --plan ... --dockerfile ... --image ... [common options]}. */
  public static List<String> predeploy(Predeploy p, ReportsDir reportsDir) {
    List<String> args = new ArrayList<>();
    args.add("predeploy");
    p.plans().forEach(v -> add(args, "--plan", v));
    p.dockerfiles().forEach(v -> add(args, "--dockerfile", v));
    p.images().forEach(v -> add(args, "--image", v));
    common(args, p.config(), p.failOn(), reportsDir, ReportFile.written(p.sast()));
    return List.copyOf(args);
  }

  /** {@code postdeploy --region ... [--plan ...] [--create-missing] [--apply] [common options]}. */
  public static List<String> postdeploy(Postdeploy p, ReportsDir reportsDir) {
    List<String> args = new ArrayList<>();
    args.add("postdeploy");
    p.regions().forEach(v -> add(args, "--region", v));
    if (!p.plan().isEmpty()) {
      add(args, "--plan", p.plan());
    }
    if (p.createMissingAlarms()) {
      args.add("--create-missing");
    }
    if (p.apply()) {
      args.add("--apply");
    }
    common(args, p.config(), p.failOn(), reportsDir, ReportFile.written(false));
    return List.copyOf(args);
  }

  private static void common(List<String> args, String config, Severity failOn, ReportsDir reportsDir,
      List<ReportFile> reports) {
    if (!config.isEmpty()) {
      add(args, "--config", config);
    }
    if (failOn != null) {
      add(args, "--fail-on", failOn.lowerName());
    }
    add(args, "--format", "text");
    args.add("--no-color");
    for (ReportFile report : reports) {
      add(args, "--output", report.format() + "=" + reportsDir.file(report));
    }
  }

  /** {@code --option=value}: one argument, so a value starting with {@code -} is never read as an option. */
  private static void add(List<String> args, String option, String value) {
    args.add(option + "=" + value);
  }
}
