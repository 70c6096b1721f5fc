package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.InputKind;
import io.deployguard.app.Predeploy;
import io.deployguard.app.Scan;
import io.deployguard.app.Scanners;
import io.deployguard.docker.image.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin LogIngestionOption logIngestion;

  @Mixin DockerHostOption docker;

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    Double gbPerDay = logIngestion.checked();
    String dockerHost = docker.dockerHost;
    if (dockerHost != null) {
      // Checked before anything is scanned, as on the image command.
      Scanners.imageOptions(config.config().image(), dockerHost, Progress.SILENT);
    }
    Map<InputKind, List<String>> given = new EnumMap<>(InputKind.class);
    given.put(InputKind.PLAN, plans);
    given.put(InputKind.DOCKERFILE, dockerfiles);
    given.put(InputKind.IMAGE, images);
    return Predeploy.standard(dockerHost).scan(Predeploy.inputs(given, Path.of(""), config), config, gbPerDay,
        selection.sourceRoot);
  }
}
