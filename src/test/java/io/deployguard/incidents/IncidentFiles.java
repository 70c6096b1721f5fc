package io.deployguard.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The scenarios of {@code examples/incidents/} as a user gets them: copied out of the checkout
 * (so tests neither write into it nor depend on what an earlier run left there), their scripts
 * run, and deployguard run in-process.
 */
final class IncidentFiles {
  static final Path INCIDENTS = Path.of("examples/incidents");

  private IncidentFiles() {}

  /** What a deployguard command printed and its exit code. */
  record Run(int exit, String out, String err) {
    JsonNode json() {
      try {
        return new ObjectMapper().readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON (exit " + exit + ", stderr " + err + "):\n" + out, e);
      }
    }

    /** The rule ids of the findings, in report order. */
    List<String> ruleIds() {
      List<String> ids = new ArrayList<>();
      json().get("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
      return ids;
    }

    /** The first finding of {@code ruleId}. */
    JsonNode finding(String ruleId) {
      for (JsonNode f : json().get("findings")) {
        if (f.get("ruleId").asText().equals(ruleId)) {
          return f;
        }
      }
      throw new AssertionError("no " + ruleId + " finding in:\n" + out);
    }
  }

  /** Runs the command line in this JVM. */
  static Run deployguard(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * Copies {@code examples/incidents/<scenario>} to {@code target/<scenario>}, with the shared
   * scripts beside it as in the checkout, leaving out image archives of earlier builds.
   */
  static Path copy(String scenario, Path target) {
    try {
      Files.createDirectories(target);
      try (Stream<Path> shared = Files.list(INCIDENTS)) {
        for (Path f : shared.filter(Files::isRegularFile).toList()) {
          Files.copy(f, target.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Path from = INCIDENTS.resolve(scenario);
      Path to = target.resolve(scenario);
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.filter(f -> !from.relativize(f).startsWith("images")).toList()) {
          Path t = to.resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(t);
          } else {
            Files.copy(f, t, StandardCopyOption.COPY_ATTRIBUTES);
          }
        }
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code script} with {@code env} added to this process's environment; fails with its
   * output unless it exits 0 within {@code minutes}.
   *
   * @return what it printed (standard output and error together)
   */
  static String runScript(Path script, Map<String, String> env, int minutes) throws IOException, InterruptedException {
    Path log = Files.createTempFile("deployguard-" + script.getFileName(), ".log");
    ProcessBuilder pb = new ProcessBuilder(script.toAbsolutePath().toString()).directory(script.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(minutes, TimeUnit.MINUTES);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    String output = Files.readString(log);
    Files.delete(log);
    assertThat(done).as(script + " finished within " + minutes + " min; output:\n" + output).isTrue();
    assertThat(p.exitValue()).as(script + " exit code; output:\n" + output).isZero();
    return output;
  }
}
