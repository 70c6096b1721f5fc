package io.deployguard.app;

import io.deployguard.app.Predeploy.Input;
import io.deployguard.app.Predeploy.InputKind;
import io.deployguard.app.Predeploy.Scanner;
import io.deployguard.capacity.ImageFootprint;
import io.deployguard.capacity.NodeDisk;
import io.deployguard.docker.dockerfile.DockerfileRules;
import io.deployguard.docker.dockerfile.DockerfileScan;
import io.deployguard.docker.image.ImageAnalysis;
import io.deployguard.docker.image.ImageReader;
import io.deployguard.docker.image.ImageRules;
import io.deployguard.docker.image.ImageScan;
import io.deployguard.docker.image.Progress;
import io.deployguard.policy.ByteSize;
import io.deployguard.terraform.NodeGroupDisk;
import io.deployguard.terraform.Plan;
import io.deployguard.terraform.PlanReader;
import io.deployguard.terraform.PlanScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The scanner of each input kind in this build: the one place where the plan, Dockerfile and
 * image capabilities are plugged into {@link Predeploy}. A kind without an entry is reported as
 * not supported by this build, never skipped.
 */
public final class Scanners {
  private Scanners() {}

  public static Map<InputKind, Scanner> all() {
    Map<InputKind, Scanner> all = new EnumMap<>(InputKind.class);
    all.put(InputKind.PLAN, Scanner.withFacts(PlanScanner.RULES, (input, config, facts) -> {
      Plan plan = PlanReader.read(input.path());
      for (NodeGroupDisk d : NodeGroupDisk.of(plan)) {
        facts.nodeDisk(new NodeDisk(d.nodeGroup(), ByteSize.ofGiB(d.gib()), d.source(), d.location()));
      }
      return PlanScanner.evaluate(plan, config.config().network(), config.config().logs());
    }));
    all.put(InputKind.DOCKERFILE, Scanner.of(DockerfileRules.RULES.metadata(),
        (input, config) -> DockerfileScan.scan(input.path(), null, null, config.config().dockerfile())));
    all.put(InputKind.IMAGE, Scanner.withFacts(ImageRules.RULES.metadata(), (input, config, facts) -> {
      ImageReader.Options options = ImageScan.options(config.config().image(), null, Progress.SILENT);
      ImageAnalysis analysis = ImageAnalysis.of(ImageReader.read(imageSpec(input), options));
      facts.image(new ImageFootprint(input.spec(), ByteSize.ofBytes(analysis.totalBytes())));
      return ImageRules.RULES.evaluate(analysis, config.config().image());
    }));
    return Map.copyOf(all);
  }

  /**
   * The image source with a relative archive or layout path resolved against the input's folder
   * ({@code docker-archive:app.tar} in a configuration means the archive beside it).
   */
  static String imageSpec(Input input) {
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
