package io.deployguard.pipelines;

import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion in a directory and keeps its exit code and output
 * (stdout and stderr interleaved in {@code output}; stderr alone in {@code errors} when asked).
 */
record Command(int exitCode, String output, String errors, Duration took) {

  static Command run(Path dir, Map<String, String> env, Duration timeout, List<String> argv)
      throws IOException, InterruptedException {
    return run(dir, env, timeout, argv, false);
  }

  /** Runs it with stderr kept apart from stdout: {@code output} is stdout, {@code errors} stderr. */
  static Command runApart(Path dir, Map<String, String> env, Duration timeout, List<String> argv)
      throws IOException, InterruptedException {
    return run(dir, env, timeout, argv, true);
  }

  private static Command run(Path dir, Map<String, String> env, Duration timeout, List<String> argv, boolean apart)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("deployguard-command", ".log");
    Path err = Files.createTempFile("deployguard-command", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(!apart)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      if (apart) {
        pb.redirectError(err.toFile());
      }
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(argv + " did not finish within " + timeout + ":\n" + Files.readString(log));
      }
      return new Command(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - start));
    } finally {
      Files.deleteIfExists(log);
      Files.deleteIfExists(err);
    }
  }

  /** Runs it and fails the test, with the output, unless it exits 0. */
  static Command ok(Path dir, Map<String, String> env, List<String> argv) throws IOException, InterruptedException {
    Command c = run(dir, env, Duration.ofMinutes(5), argv);
    if (c.exitCode() != 0) {
      throw new AssertionError(argv + " exited " + c.exitCode() + ":\n" + c.output());
    }
    return c;
  }

  /**
   * gitlab-ci-local (the runner stand-in GitLab users run locally): the one installed under
   * {@code .tools}, else the one on PATH; it, and the rsync and git it needs, are required for real.
   */
  static String gitlabCiLocal(Path basedir) {
    Path local = basedir.resolve(".tools/node_modules/.bin/gitlab-ci-local");
    RealComponent.require("gitlab-ci-local 4.73.0", Files.isExecutable(local) || RealComponent.onPath("gitlab-ci-local"),
        "npm install --prefix .tools gitlab-ci-local@4.73.0");
    RealComponent.require("rsync (gitlab-ci-local needs it)", RealComponent.onPath("rsync"), "apt-get install rsync");
    RealComponent.require("git", RealComponent.onPath("git"), "apt-get install git");
    return Files.isExecutable(local) ? local.toString() : "gitlab-ci-local";
  }

  /** Runs one job of the .gitlab-ci.yml in {@code dir} with gitlab-ci-local's shell executor. */
  static Command gitlabJob(String gitlabCiLocal, Path dir, String job) throws IOException, InterruptedException {
    return run(dir, Map.of("NO_COLOR", "1"), Duration.ofMinutes(5),
        List.of(gitlabCiLocal, "--force-shell-executor", "--no-color", job));
  }
}
