package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.Naming;
import io.deployguard.app.Scan;
import io.deployguard.app.ScanRunner;
import io.deployguard.app.Scanners;
import io.deployguard.docker.ImageSettings;
import io.deployguard.docker.image.ImageReader;
import io.deployguard.docker.image.ImageRules;
import io.deployguard.docker.image.ImageScan;
import io.deployguard.docker.image.TerminalProgress;
import io.deployguard.policy.ConfigException;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deployguard image SOURCE...}: size, wasted bytes, build toolchains and caches (IMG001-IMG004). */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = {
        "Checks container images: size (IMG001), wasted bytes (IMG002), build toolchains and sources (IMG003) "
            + "and package caches (IMG004).",
        "SOURCE is docker-daemon:REF, docker-archive:PATH, oci-archive:PATH, oci:DIR[:REF], a path (recognised by "
            + "its contents) or a reference in the Docker Engine."})
final class ImageCommand extends ScanCommand {

  @Parameters(arity = "1..*", paramLabel = "SOURCE", description = "Images to check.")
  List<String> sources;

  @Mixin DockerHostOption docker;

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress on stderr: auto (images over 100 MB, on a terminal), always, never (default: ${DEFAULT-VALUE}).")
  String progress;

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    ImageSettings settings = config.config().image();
    TerminalProgress.Mode mode;
    try {
      mode = TerminalProgress.Mode.valueOf(progress.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("--progress " + progress + ": use auto, always or never");
    }
    ImageReader.Options options = Scanners.imageOptions(settings, docker.dockerHost,
        TerminalProgress.on(err(), mode));
    return Scan.of(sources.stream()
        .map(s -> new ScanRunner.Job(s, () -> ImageScan.scan(s, settings, options), Naming.image()))
        .toList(), ImageRules.RULES.metadata());
  }
}
