package io.deployguard.pipelines;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external program to completion in a directory and keeps its exit code and output. */
record Command(int exitCode, String output, Duration took) {

  static Command run(Path dir, Map<String, String> env, Duration timeout, List<String> argv)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("deployguard-command", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      pb.environment().putAll(env);
      long start = System.nanoTime();
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new AssertionError(argv + " did not finish within " + timeout + ":\n" + Files.readString(log));
      }
      return new Command(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      Files.deleteIfExists(log);
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
}
