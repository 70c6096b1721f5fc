package io.deployguard.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs one deployguard scan on the agent that holds the workspace, so plans, Dockerfiles and
 * image archives are read where they are, and writes the reports into the workspace for
 * {@code junit} and {@code recordIssues}. The text report goes to the build log as it is.
 */
abstract class AgentScan extends MasterToSlaveFileCallable<ScanOutcome> {
  private static final long serialVersionUID = 1L;

  private final TaskListener listener;
  private final String reportsDir;

  AgentScan(TaskListener listener, String reportsDir) {
    this.listener = listener;
    this.reportsDir = reportsDir;
  }

  /** Calls the core in the workspace; reports go to {@code reportsDir} inside it. */
  abstract ScanOutcome scan(Path workspace, String reportsDir) throws IOException, InterruptedException;

  @Override
  public ScanOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
    Path ws = workspace.toPath();
    Path dir = ws.resolve(reportsDir).normalize();
    if (!dir.startsWith(ws)) {
      throw new IOException("reportsDir '" + reportsDir + "' leaves the workspace; use a relative path inside it");
    }
    // Reports of an earlier run must never be published as this run's.
    new FilePath(dir.toFile()).deleteRecursive();
    ScanOutcome outcome = scan(ws, reportsDir);
    listener.getLogger().println(outcome.summary());
    return outcome;
  }

  /**
   * Splits a list of paths (whitespace or commas) and expands Ant patterns ({@code **}/Dockerfile)
   * in the workspace. A pattern that matches nothing stays as written, so the core reports it as a
   * missing input instead of the scan passing on nothing.
   */
  static List<String> expand(Path workspace, String spec) throws IOException, InterruptedException {
    List<String> paths = new ArrayList<>();
    for (String token : split(spec)) {
      if (token.indexOf('*') < 0 && token.indexOf('?') < 0) {
        paths.add(token);
        continue;
      }
      FilePath[] matches = new FilePath(workspace.toFile()).list(token);
      if (matches.length == 0) {
        paths.add(token);
      }
      Arrays.stream(matches)
          .map(m -> workspace.relativize(Path.of(m.getRemote())).toString())
          .sorted()
          .forEach(paths::add);
    }
    return paths;
  }

  /** Whitespace- or comma-separated values, without empties. */
  static List<String> split(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    return Arrays.stream(spec.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
  }
}
