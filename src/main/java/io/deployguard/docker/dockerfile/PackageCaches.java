package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds package-manager caches a {@code RUN} leaves in its layer. A cache counts as cleaned when
 * the same {@code RUN} removes it ({@code rm -rf}, the manager's own clean command), never writes
 * it ({@code apk --no-cache} or {@code --no-network}, {@code pip --no-cache-dir},
 * {@code PIP_NO_CACHE_DIR}), or writes it to a
 * {@code --mount=type=cache} or {@code type=tmpfs} mount that covers it. Cleaning in a later
 * {@code RUN} does not count: the earlier layer keeps the bytes.
 */
final class PackageCaches {
  private PackageCaches() {}

  /**
   * A cache left in a layer.
   *
   * @param manager the package manager ({@code apt-get})
   * @param path the cache directory
   * @param command the command that filled it
   * @param fix how to keep it out of the layer
   */
  record Left(String manager, String path, ShellCommand command, String fix) {}

  /**
   * The caches {@code run} leaves, each once (with the first command that writes it).
   *
   * @param env the environment the {@code RUN} sees ({@code ENV} of its stage lineage)
   * @param home the home directory of the user it runs as
   * @param workdir its working directory, or {@code null} when the base image decides it
   */
  static List<Left> left(Instruction run, Map<String, String> env, String home, String workdir) {
    List<ShellCommand> cmds = ShellReader.commands(run);
    List<String> cleared = new ArrayList<>();
    for (Mount m : run.mounts()) {
      if (m.keepsFilesOutOfLayer() && (m.target() != null || workdir != null)) {
        cleared.add(normalize(m.target(workdir), home));
      }
    }
    Map<String, String> exported = new LinkedHashMap<>(env);
    List<String> cleaners = new ArrayList<>();
    for (ShellCommand c : cmds) {
      if (c.name().equals("rm")) {
        c.args().stream().filter(a -> !a.startsWith("-")).forEach(a -> cleared.add(normalize(a, home)));
      } else if (c.name().equals("export")) {
        for (String a : c.args()) {
          int eq = a.indexOf('=');
          if (eq > 0) {
            exported.put(a.substring(0, eq), a.substring(eq + 1));
          }
        }
      } else if (cleans(c)) {
        cleaners.add(manager(c));
      }
    }
    List<Left> out = new ArrayList<>();
    for (ShellCommand c : cmds) {
      Left l = cache(c, home, exported);
      boolean seen = out.stream().anyMatch(o -> l != null && o.path().equals(l.path()));
      if (l != null && !seen && !cleaners.contains(l.manager()) && cleared.stream().noneMatch(p -> covers(p, l.path()))) {
        out.add(l);
      }
    }
    return out;
  }

  private static Left cache(ShellCommand c, String home, Map<String, String> env) {
    String sub = c.subcommand();
    switch (manager(c)) {
      case "apt-get", "apt" -> {
        if (sub.equals("update")) {
          return new Left(c.name(), "/var/lib/apt/lists", c,
              "end the same RUN with '&& rm -rf /var/lib/apt/lists/*', or mount a cache at /var/lib/apt");
        }
      }
      case "apk" -> {
        // --no-network reads only what is already there, so it writes no index or package cache either.
        if ((sub.equals("add") || sub.equals("update")) && !c.has("--no-cache") && !c.has("--no-network")) {
          return new Left("apk", "/var/cache/apk", c, "use 'apk add --no-cache'");
        }
      }
      case "pip" -> {
        String off = c.assignments().getOrDefault("PIP_NO_CACHE_DIR", env.get("PIP_NO_CACHE_DIR"));
        boolean disabled = off != null && !off.isEmpty() && !off.equalsIgnoreCase("false") && !off.equals("0");
        // pip takes any unambiguous prefix of an option: --no-cache is --no-cache-dir.
        if (sub.equals("install") && !c.has("--no-cache-dir") && !c.has("--no-cache") && !disabled) {
          return new Left("pip", home + "/.cache/pip", c,
              "use 'pip install --no-cache-dir', set ENV PIP_NO_CACHE_DIR=1, or mount a cache at " + home + "/.cache/pip");
        }
      }
      case "npm" -> {
        if (Set.of("install", "i", "ci").contains(sub) && !c.has("--cache")) {
          return new Left("npm", home + "/.npm", c,
              "add '&& npm cache clean --force' to the same RUN, or mount a cache at " + home + "/.npm");
        }
      }
      case "yarn" -> {
        if (sub.isEmpty() || sub.equals("install") || sub.equals("add")) {
          String dir = home.equals("/root") ? "/usr/local/share/.cache/yarn" : home + "/.cache/yarn";
          return new Left("yarn", dir, c, "add '&& yarn cache clean' to the same RUN, or mount a cache at " + dir);
        }
      }
      case "yum", "dnf", "microdnf", "tdnf" -> {
        if (Set.of("install", "groupinstall", "update", "upgrade", "makecache").contains(sub)) {
          String dir = c.name().equals("dnf") ? "/var/cache/dnf" : "/var/cache/yum";
          return new Left(c.name(), dir, c, "add '&& " + c.name() + " clean all' to the same RUN");
        }
      }
      default -> { }
    }
    return null;
  }

  /** {@code pip} for {@code pip3.12} and the like; otherwise the command's name. */
  static String manager(ShellCommand c) {
    return c.name().matches("pip[0-9.]*") ? "pip" : c.name();
  }

  /**
   * The manager's own command that empties its cache ({@code apt-get clean} keeps the lists, so it
   * is not one; {@code apt-get dist-clean}, from apt 2.7, removes them too).
   */
  private static boolean cleans(ShellCommand c) {
    List<String> a = c.args();
    return switch (manager(c)) {
      case "apt-get", "apt" -> c.subcommand().equals("dist-clean");
      case "npm", "yarn", "pnpm", "apk" -> a.contains("cache") && a.contains("clean");
      case "pip" -> a.contains("cache") && a.contains("purge");
      case "yum", "dnf", "microdnf", "tdnf" -> a.contains("clean") && a.contains("all");
      default -> false;
    };
  }

  /** An absolute path without trailing globs and slashes, with {@code ~} and {@code $HOME} resolved. */
  static String normalize(String path, String home) {
    String p = path;
    for (String h : List.of("${HOME}", "$HOME", "~")) {
      if (p.equals(h) || p.startsWith(h + "/")) {
        p = home + p.substring(h.length());
      }
    }
    while (p.endsWith("/*") || p.endsWith("/**") || (p.endsWith("/") && p.length() > 1)) {
      p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p.substring(0, p.lastIndexOf('/'));
    }
    if (p.isEmpty()) {
      p = "/";
    }
    return p.startsWith("/") ? p : "/" + p;
  }

  /** Whether {@code dir} is {@code path} or one of its parents. */
  static boolean covers(String dir, String path) {
    return dir.equals("/") || path.equals(dir) || path.startsWith(dir + "/");
  }
}
