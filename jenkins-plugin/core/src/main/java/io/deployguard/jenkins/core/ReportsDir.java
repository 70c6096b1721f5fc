package io.deployguard.jenkins.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code reportsDir} of a step: a folder inside the workspace, relative to it, that is neither
 * the workspace itself nor a folder holding an input. Parsed before anything is launched, so a
 * value such as {@code '.'} or {@code '/tmp'} stops the step with one line instead of costing a
 * file. The step deletes nothing in it but the {@link ReportFile}s it is about to write again.
 *
 * @param path the normalized relative path, segments joined by {@code /}
 */
public record ReportsDir(String path) {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
  private static final String EXAMPLE = "e.g. reportsDir: 'deployguard-reports'";

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
    if (raw.startsWith("/") || raw.startsWith("\\") || DRIVE.matcher(raw).matches()) {
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
      if (trimmed.startsWith("/") || trimmed.startsWith("\\") || DRIVE.matcher(trimmed).matches()) {
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
   * it stays inside the workspace through no symbolic link, then deletes the step's own report
   * files from an earlier run (so an old report is never read or published as this run's) and
   * nothing else. The folder itself is left to the command line to create.
   *
   * @return the files deleted, workspace-relative
   * @throws StepInputException when a part of the path is a symbolic link or a file, or a report name is taken by one
   */
  public List<String> prepare(Path workspace, Collection<ReportFile> reports) throws IOException {
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
    List<String> deleted = new ArrayList<>();
    if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
      return deleted;
    }
    for (ReportFile report : reports) {
      Path file = current.resolve(report.fileName());
      if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new StepInputException("reportsDir '" + path + "': '" + report.fileName()
            + "' there is not a plain file (a folder or a link); move it away or choose another reportsDir");
      }
      Files.delete(file);
      deleted.add(file(report));
    }
    return deleted;
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
