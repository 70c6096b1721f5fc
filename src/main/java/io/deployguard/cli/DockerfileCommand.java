package io.deployguard.cli;

import io.deployguard.app.ConfigLoader;
import io.deployguard.app.Naming;
import io.deployguard.app.PlanFiles;
import io.deployguard.app.Scan;
import io.deployguard.app.ScanRunner;
import io.deployguard.docker.DockerfileIgnores;
import io.deployguard.docker.DockerfileSettings;
import io.deployguard.docker.dockerfile.DockerfileRules;
import io.deployguard.docker.dockerfile.DockerfileScan;
import io.deployguard.policy.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deployguard dockerfile PATH...}: checks Dockerfiles against rules DF001-DF006. */
@Command(name = "dockerfile", mixinStandardHelpOptions = true,
    description = "Checks Dockerfiles: missing multi-stage builds, SDK base images, package caches, "
        + ".dockerignore, unpinned bases, root user (DF001-DF006).")
final class DockerfileCommand extends ScanCommand {

  @Parameters(arity = "1..*", paramLabel = "PATH",
      description = "Dockerfiles, directories holding one named Dockerfile, or '-' for standard input"
          + " (its build context: --context, else the working directory).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--context", paramLabel = "DIR",
      description = "Build context, where .dockerignore is looked for (default: each Dockerfile's directory).")
  Path context;

  @Option(names = "--target", paramLabel = "STAGE",
      description = "The stage that is built and shipped, as with docker build --target (default: the last).")
  String target;

  @Override
  protected Scan scan(ConfigLoader.Loaded config) {
    if (context != null && !Files.isDirectory(context)) {
      throw new ConfigException("--context " + context + ": not a directory (give the build context directory)");
    }
    DockerfileSettings settings = config.config().dockerfile();
    stdinAtMostOnce(paths);
    List<ScanRunner.Job> jobs = new ArrayList<>();
    for (Path p : paths) {
      if (p.toString().equals("-")) {
        Path copy = PlanFiles.Stdin.copy(System.in, "Dockerfile", ".Dockerfile");
        // As with 'docker build -f - .': the context is the working directory, not the copy's folder.
        Path ctx = context != null ? context : Path.of("");
        jobs.add(new ScanRunner.Job("-", () -> DockerfileScan.scan(copy, ctx, target, settings),
            Naming.file(p, copy.toString()), () -> DockerfileIgnores.read(copy)));
        continue;
      }
      Path file = DockerfileScan.resolve(p);
      jobs.add(new ScanRunner.Job(file.toString(), () -> DockerfileScan.scan(p, context, target, settings),
          Naming.file(file), () -> DockerfileIgnores.read(file)));
    }
    return Scan.of(jobs, DockerfileRules.RULES.metadata());
  }
}
