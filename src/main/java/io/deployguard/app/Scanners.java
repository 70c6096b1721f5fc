package io.deployguard.app;

import io.deployguard.capacity.ImageFootprint;
import io.deployguard.capacity.NodeDisk;
import io.deployguard.docker.dockerfile.DockerfileRules;
import io.deployguard.docker.dockerfile.DockerfileScan;
import io.deployguard.docker.image.ImageAnalysis;
import io.deployguard.docker.image.ImageReader;
import io.deployguard.docker.image.ImageRules;
import io.deployguard.docker.image.ImageScan;
import io.deployguard.docker.image.Progress;
import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Finding;
import io.deployguard.terraform.NodeGroupDisk;
import io.deployguard.terraform.Plan;
import io.deployguard.terraform.PlanReader;
import io.deployguard.terraform.PlanScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The scanner of each input kind in this build: the one place where the plan, Dockerfile and
 * image capabilities are plugged into {@link Predeploy} (and the
 * {@code plan} command reads plans through {@link #plan}). A kind without an entry is reported as
 * not supported by this build, never skipped.
 */
public final class Scanners {
  private Scanners() {}

  /**
   * The scanner of every kind.
   *
   * @param dockerHost the Docker Engine images are read from ({@code --docker-host}), or {@code
   *     null} for {@code DOCKER_HOST}, else the default socket
   */
  public static Map<InputKind, InputScanner> all(String dockerHost) {
    Map<InputKind, InputScanner> all = new EnumMap<>(InputKind.class);
    all.put(InputKind.PLAN, InputScanner.withFacts(PlanScanner.RULES,
        (input, config, facts) -> plan(input.path(), config, facts)));
    all.put(InputKind.DOCKERFILE, InputScanner.of(DockerfileRules.RULES.metadata(),
        (input, config) -> DockerfileScan.scan(input.path(), null, null, config.config().dockerfile())));
    all.put(InputKind.IMAGE, InputScanner.withFacts(ImageRules.RULES.metadata(), (input, config, facts) -> {
      ImageReader.Options options = imageOptions(config.config().image(), dockerHost, Progress.SILENT);
      ImageAnalysis analysis = ImageAnalysis.of(ImageReader.read(imageSpec(input), options));
      facts.image(new ImageFootprint(input.spec(), ByteSize.ofBytes(analysis.totalBytes())));
      return ImageRules.RULES.evaluate(analysis, config.config().image());
    }));
    return Map.copyOf(all);
  }

  /**
   * The plan rules' findings on the plan JSON at {@code file}; its node-group disks go into
   * {@code facts} for EKS001.
   *
   * @throws io.deployguard.policy.InputException when the file is not a readable plan
   */
  public static List<Finding> plan(Path file, ConfigLoader.Loaded config, ScanFacts facts) {
    Plan plan = PlanReader.read(file);
    for (NodeGroupDisk d : NodeGroupDisk.of(plan)) {
      facts.nodeDisk(new NodeDisk(d.nodeGroup(), ByteSize.ofGiB(d.gib()), d.source(), d.location()));
    }
    return PlanScanner.evaluate(plan, config.config().network(), config.config().logs());
  }

  /**
   * How images are read: the configuration's limits, the Docker Engine at {@code dockerHost}
   * ({@code null} for the default) and {@code progress}.
   *
   * @throws ConfigException when {@code dockerHost} is not a Docker Engine address
   */
  public static ImageReader.Options imageOptions(ImageSettings settings, String dockerHost, Progress progress) {
    try {
      return ImageScan.options(settings, dockerHost, progress);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--docker-host: " + e.getMessage());
    }
  }

  /**
   * The image source with a relative archive or layout path resolved against the input's folder
   * ({@code docker-archive:app.tar} in a configuration means the archive beside it).
   */
  static String imageSpec(PredeployInput input) {
    String spec = input.spec();
    for (String transport : new String[] {"docker-archive:", "oci-archive:", "oci:"}) {
      if (spec.startsWith(transport)) {
        String rest = spec.substring(transport.length());
        return rest.startsWith("/") ? spec : transport + input.baseDir().resolve(rest);
      }
    }
    if (!spec.contains(":") || spec.startsWith(".") || spec.contains("/")) {
      Path local = input.baseDir().resolve(spec);
      if (Files.exists(local)) {
        return local.toString();
      }
    }
    return spec;
  }
}
