package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.Predeploy;
import io.deployguard.app.Predeploy.InputKind;
import io.deployguard.app.ScanRunner;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code deployguard predeploy}: plans, Dockerfiles and images in one run, with the checks that
 * need them together (EKS001), one report and one exit code. What the GitLab template and the
 * Jenkins step run.
 */
@Command(
    name = "predeploy",
    mixinStandardHelpOptions = true,
    versionProvider = DeployguardCommand.VersionProvider.class,
    description = {
      "Checks plans, Dockerfiles and images in one run, and whether the node groups' disks hold the images (EKS001).",
      "Without --plan, --dockerfile or --image it scans what the configuration's predeploy: section lists",
      "(paths relative to the configuration file)."})
final class PredeployCommand extends ScanCommand {

  @Option(names = "--plan", paramLabel = "PLAN.json", description = "A Terraform plan (terraform show -json); repeatable.")
  List<String> plans = new ArrayList<>();

  @Option(names = "--dockerfile", paramLabel = "FILE", description = "A Dockerfile; repeatable.")
  List<String> dockerfiles = new ArrayList<>();

  @Option(names = "--image", paramLabel = "SOURCE",
      description = "An image: docker-archive:PATH, oci-archive:PATH, oci:DIR or docker-daemon:REF; repeatable.")
  List<String> images = new ArrayList<>();

  @Option(names = "--log-ingestion-estimate", paramLabel = "GB_PER_DAY",
      description = "Expected CloudWatch Logs ingestion; the report then shows what it costs a month (default: logs.ingestion_gb_per_day).")
  Double logIngestionGbPerDay;

  private Predeploy.Session session;

  @Override
  protected List<ScanRunner.Job> jobs(ConfigLoader.Loaded config) {
    if (logIngestionGbPerDay != null && !(logIngestionGbPerDay >= 0)) {
      throw new ConfigException("--log-ingestion-estimate: give GB a day, 0 or more");
    }
    Predeploy.Request request = Predeploy.Request.in(Path.of(""))
        .inputs(InputKind.PLAN, plans)
        .inputs(InputKind.DOCKERFILE, dockerfiles)
        .inputs(InputKind.IMAGE, images)
        .build();
    session = Predeploy.standard().session(Predeploy.inputs(request, config), config, logIngestionGbPerDay,
        selection.sourceRoot);
    return session.jobs();
  }

  @Override
  protected List<RuleMetadata> rules() {
    return session.rules();
  }

  @Override
  protected List<Finding> crossChecks() {
    return session.crossChecks();
  }

  @Override
  protected ScanResult annotate(ScanResult result, ConfigLoader.Loaded config) {
    return session.annotate(result);
  }
}
