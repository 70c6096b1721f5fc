package io.deployguard.jenkins.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code reportsDir} of a step: a folder inside the workspace, relative to it, that is neither
 * the workspace itself nor a folder holding an input. Parsed before anything is launched, so a
 * value such as {@code '.'} or {@code '/tmp'} stops the step with one line instead of costing a
 * file. The step deletes nothing in it but the {@link ReportFile}s it wrote itself in an earlier
 * run, as recorded with their SHA-256 in {@value #RECORD}.
 *
 * @param path the normalized relative path, segments joined by {@code /}
 */
public record ReportsDir(String path) {
  private static final String EXAMPLE = "e.g. reportsDir: 'deployguard-reports'";
  /** The record of the report files a run wrote ({@code sha256sum} format), in the reports folder. */
  public static final String RECORD = ".deployguard-written";

  public ReportsDir {
    if (path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")) {
      throw new IllegalArgumentException("use ReportsDir.parse for raw values, not " + path);
    }
  }

  /**
   * The folder {@code value} names, or {@code fallback} when it is empty.
   *
   * @throws StepInputException for an absolute path, a path leaving the workspace, or the workspace itself
   */
  public static ReportsDir parse(String value, String fallback) {
    String raw = value == null || value.isBlank() ? fallback : value.trim();
    String shown = "reportsDir '" + raw + "'";
    if (raw.indexOf('\0') >= 0) {
      throw new StepInputException(shown + ": contains a NUL character; " + EXAMPLE);
    }
    if (InputSpecs.isAbsolute(raw)) {
      throw new StepInputException(shown + ": is an absolute path; give a folder inside the workspace, relative to it, "
          + EXAMPLE);
    }
    if (raw.startsWith("~")) {
      throw new StepInputException(shown + ": '~' is not expanded here; give a folder inside the workspace, relative to it, "
          + EXAMPLE);
    }
    List<String> segments = normalize(raw);
    if (segments == null) {
      throw new StepInputException(shown + ": leaves the workspace; give a folder inside the workspace, " + EXAMPLE);
    }
    if (segments.isEmpty()) {
      throw new StepInputException(shown + ": is the workspace itself; give a folder of its own inside the workspace, "
          + EXAMPLE);
    }
    return new ReportsDir(String.join("/", segments));
  }

  /** The workspace-relative path of {@code report} in this folder. */
  public String file(ReportFile report) {
    return path + "/" + report.fileName();
  }

  /**
   * Rejects this folder when it holds one of {@code inputs} (paths relative to the workspace, or
   * absolute ones, which cannot be inside a relative folder the way they are written) or lies
   * inside one of them: the step would read its own reports, or the command line would overwrite an input.
   *
   * @param inputs the step's plans, Dockerfiles, image paths and configuration, after pattern expansion
   * @throws StepInputException naming the first input in the way
   */
  public void checkHoldsNone(Collection<String> inputs) {
    List<String> mine = List.of(path.split("/"));
    for (String input : inputs) {
      if (input == null || input.isBlank()) {
        continue;
      }
      String trimmed = input.trim();
      if (InputSpecs.isAbsolute(trimmed)) {
        continue;
      }
      List<String> theirs = normalize(trimmed);
      if (theirs == null) {
        continue;
      }
      if (startsWith(theirs, mine) || startsWith(mine, theirs)) {
        throw new StepInputException("reportsDir '" + path + "': holds the input '" + trimmed
            + "'; reports must go to a folder of their own, " + EXAMPLE);
      }
    }
  }

  /**
   * Makes this folder ready for a new run on the machine that holds {@code workspace}: checks that
   * it stays inside the workspace through no symbolic link, then deletes the report files an
   * earlier run of the step wrote (so an old report is never read or published as this run's) and
   * nothing else: a file of a report's name that the record does not list with its current SHA-256
   * (someone else's, or changed since) stops the step instead, as the command line would overwrite it.
   * The folder itself is left to the command line to create.
   *
   * @return the files deleted, workspace-relative
   * @throws StepInputException when a part of the path is a symbolic link or a file, or a report name is taken
   */
  public List<String> prepare(Path workspace, Collection<ReportFile> reports) throws IOException {
    Path folder = folder(workspace);
    List<String> deleted = new ArrayList<>();
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return deleted;
    }
    Map<String, String> written = readRecord(folder);
    List<Path> ours = new ArrayList<>();
    for (ReportFile report : reports) {
      Path file = folder.resolve(report.fileName());
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StepInputException("reportsDir '" + path + "': '" + report.fileName()
            + "' there is not a plain file (a folder or a link); move it away or choose another reportsDir");
      }
      if (!JarInstaller.sha256(file).equals(written.get(report.fileName()))) {
        throw new StepInputException("reportsDir '" + path + "': '" + report.fileName() + "' there was not written by"
            + " this step (or was changed since), and the run would overwrite it; move it away or choose another"
            + " reportsDir");
      }
      ours.add(file);
    }
    for (Path file : ours) {
      Files.delete(file);
      deleted.add(path + "/" + file.getFileName());
    }
    return deleted;
  }

  /**
   * Records the report files this run wrote, with their SHA-256, so that the next run may delete
   * them (and only them). Replaces the record of the earlier run.
   */
  public void record(Path workspace, Collection<ReportFile> reports) throws IOException {
    Path folder = folder(workspace);
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    StringBuilder lines = new StringBuilder();
    for (ReportFile report : reports) {
      Path file = folder.resolve(report.fileName());
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        lines.append(JarInstaller.sha256(file)).append("  ").append(report.fileName()).append('\n');
      }
    }
    Path record = folder.resolve(RECORD);
    if (Files.exists(record, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      throw new StepInputException("reportsDir '" + path + "': '" + RECORD + "' there is not a plain file; remove it");
    }
    Path part = Files.createTempFile(folder, RECORD, ".part");
    try {
      Files.writeString(part, lines.toString(), StandardCharsets.UTF_8);
      JarInstaller.move(part, record);
    } finally {
      Files.deleteIfExists(part);
    }
  }

  /** The folder in {@code workspace}, checked to be reached through real folders only. */
  private Path folder(Path workspace) {
    Path current = workspace;
    for (String segment : path.split("/")) {
      current = current.resolve(segment);
      if (Files.isSymbolicLink(current)) {
        throw new StepInputException("reportsDir '" + path + "': '" + workspace.relativize(current)
            + "' is a symbolic link; give a real folder inside the workspace, " + EXAMPLE);
      }
      if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new StepInputException("reportsDir '" + path + "': '" + workspace.relativize(current)
            + "' is a file, not a folder; " + EXAMPLE);
      }
    }
    return current;
  }

  /** File name to SHA-256 from the record; empty without one. */
  private static Map<String, String> readRecord(Path folder) throws IOException {
    Path record = folder.resolve(RECORD);
    Map<String, String> written = new HashMap<>();
    if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
      return written;
    }
    for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
      String[] parts = line.split("  ", 2);
      if (parts.length == 2) {
        written.put(parts[1], parts[0]);
      }
    }
    return written;
  }

  /** The segments of a relative path with {@code .} and {@code ..} resolved; null when it climbs out. */
  private static List<String> normalize(String raw) {
    Deque<String> stack = new ArrayDeque<>();
    for (String segment : raw.split("[/\\\\]+")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (stack.isEmpty()) {
          return null;
        }
        stack.removeLast();
      } else {
        stack.addLast(segment);
      }
    }
    return List.copyOf(stack);
  }

  private static boolean startsWith(List<String> path, List<String> prefix) {
    return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
  }
}
