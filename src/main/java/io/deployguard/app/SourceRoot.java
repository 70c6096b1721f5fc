package io.deployguard.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root that reports, fingerprints and waivers name paths from, so that a finding
 * keeps its identity however its input was typed ({@code Dockerfile}, {@code ./Dockerfile} or an
 * absolute path): {@code --source-root} when given, else the top level of the git work tree that
 * holds the working directory, else the working directory.
 *
 * @param dir the root, absolute and normalised
 */
public record SourceRoot(Path dir) {

  public SourceRoot {
    dir = dir.toAbsolutePath().normalize();
  }

  /**
   * Why {@code dir} cannot be the root ({@code no such folder}, {@code not a folder}), or {@code
   * null} when it is a folder: every path in a report would silently be named from the wrong place.
   */
  public static String problem(Path dir) {
    return Files.isDirectory(dir) ? null : Files.exists(dir) ? "not a folder" : "no such folder";
  }

  /**
   * @param explicit {@code --source-root} or the configuration's {@code source_root}, or {@code null}
   * @param workingDir where relative paths are read from
   */
  public static SourceRoot find(Path explicit, Path workingDir) {
    if (explicit != null) {
      return new SourceRoot(workingDir.resolve(explicit));
    }
    Path cwd = workingDir.toAbsolutePath().normalize();
    for (Path d = cwd; d != null; d = d.getParent()) {
      // .git is a folder in a clone and a file in a worktree or submodule.
      if (Files.exists(d.resolve(".git"))) {
        return new SourceRoot(d);
      }
    }
    return new SourceRoot(cwd);
  }

  /**
   * How reports name {@code path}: relative to the root with forward slashes when it lies under
   * the root, else absolute; {@code .} and {@code ..} resolved either way.
   */
  public String name(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    String s = abs.startsWith(dir) ? dir.relativize(abs).toString() : abs.toString();
    return s.isEmpty() ? "." : s.replace(File.separatorChar, '/');
  }

  /**
   * A path pattern from the configuration ({@code ./envs/*.json}, or an absolute path under the
   * root) in the spelling {@link #name} gives; other patterns are returned as written.
   */
  public String pattern(String glob) {
    String g = glob.replace(File.separatorChar, '/');
    String root = dir.toString().replace(File.separatorChar, '/') + "/";
    if (g.startsWith(root)) {
      g = g.substring(root.length());
    }
    while (g.startsWith("./")) {
      g = g.substring(2);
    }
    return g;
  }
}
