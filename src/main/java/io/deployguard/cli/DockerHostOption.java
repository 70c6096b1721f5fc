package io.deployguard.cli;

import picocli.CommandLine.Option;

/** {@code --docker-host}: the Docker Engine asked for images, the same on every command that reads images. */
final class DockerHostOption {
  @Option(names = "--docker-host", paramLabel = "URI",
      description = "Docker Engine to ask (default: DOCKER_HOST, else unix:///var/run/docker.sock); "
          + "podman: unix:///run/podman/podman.sock.")
  String dockerHost;
}
