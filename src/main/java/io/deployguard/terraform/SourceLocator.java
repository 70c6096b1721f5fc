package io.deployguard.terraform;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Ignore;
import io.deployguard.policy.Location;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps plan findings back to the {@code .tf} lines that declare them: a resource of the root
 * module or of a local child module (found through the plan's {@code module_calls} sources) is
 * located at its {@code resource} block; one inside a registry or remote module at the {@code
 * module} block that calls it. Also collects the {@code # deployguard:ignore=ID reason}
 * suppression comments of the files it reads. A file that cannot be read is a warning naming it,
 * and its findings keep their plan location.
 */
public final class SourceLocator {

  /** The detail naming the plan a relocated finding came from. */
  public static final String PLAN = "plan";

  /** The detail giving where in the plan a relocated finding is (line and JSON path). */
  public static final String PLAN_AT = "plan_at";

  /** The detail giving the {@code count}/{@code for_each} keys of the finding's address. */
  public static final String INSTANCE = "instance";

  private final Path root;
  private final Map<String, String> sources;
  private final Map<Path, Map<String, Location>> byDir = new HashMap<>();
  private final Set<Ignore> ignores = new LinkedHashSet<>();
  private final List<String> warnings = new ArrayList<>();

  private SourceLocator(Path root, Map<String, String> sources) {
    this.root = root;
    this.sources = Map.copyOf(sources);
  }

  /** A locator that locates nothing (no {@code .tf} files at hand). */
  public static SourceLocator none() {
    return new SourceLocator(null, Map.of());
  }

  /**
   * @param root the folder of the root module
   * @param plan the plan JSON, for its {@code configuration.module_calls}
   */
  public static SourceLocator of(Path root, Path plan) {
    SourceLocator l = new SourceLocator(root.toAbsolutePath().normalize(), ModuleCalls.read(plan));
    l.index(l.root);
    for (String module : l.sources.keySet()) {
      Path dir = l.moduleDir(module);
      if (dir != null) {
        l.index(dir);
      }
    }
    return l;
  }

  /** Whether {@code dir} holds {@code .tf} files (so that it can be a root module). */
  public static boolean holdsTf(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.tf")) {
      return s.iterator().hasNext();
    } catch (IOException e) {
      return false;
    }
  }

  /** The suppression comments of every {@code .tf} file read, each naming its file. */
  public List<Ignore> ignores() {
    return List.copyOf(ignores);
  }

  /** One line per file that could not be read: its findings keep their plan location. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** {@code findings} with the {@code .tf} location of each one's address where it is known. */
  public List<Finding> locate(List<Finding> findings) {
    if (root == null) {
      return findings;
    }
    return findings.stream().map(this::locate).toList();
  }

  private Finding locate(Finding f) {
    Address a = Address.parse(f.resource());
    if (a == null) {
      return f;
    }
    Location at = null;
    Path dir = root;
    String path = "";
    for (String module : a.modules()) {
      String parent = path;
      path = path.isEmpty() ? "module." + module : path + ".module." + module;
      Path child = moduleDir(path);
      if (child == null) {
        // A registry or remote module: the closest line in this repository is the call.
        at = index(parentDir(parent)).get("module." + module);
        break;
      }
      dir = child;
    }
    if (at == null && !path.isEmpty() && moduleDir(path) == null) {
      return f;
    }
    if (at == null) {
      at = index(dir).get(a.resource());
    }
    if (at == null) {
      return f;
    }
    Map<String, String> details = new LinkedHashMap<>(f.details());
    details.put(PLAN, f.location().input());
    String where = f.location().display().substring(f.location().input().length()).replaceFirst("^:", "line ").strip();
    if (!where.isEmpty()) {
      details.put(PLAN_AT, where.replaceFirst("^\\((.*)\\)$", "$1"));
    }
    if (!a.keys().isEmpty()) {
      details.put(INSTANCE, a.keys());
    }
    return new Finding(f.ruleId(), f.title(), f.severity(), f.resource(), f.message(), at, f.fix(), f.key(), details,
        f.suppression());
  }

  private Path parentDir(String modulePath) {
    return modulePath.isEmpty() ? root : moduleDir(modulePath);
  }

  /** The folder of a local module, or {@code null} for a registry, remote or unknown one. */
  private Path moduleDir(String modulePath) {
    Path dir = root;
    String path = "";
    for (String part : modulePath.split("\\.")) {
      if (part.equals("module")) {
        continue;
      }
      path = path.isEmpty() ? "module." + part : path + ".module." + part;
      String source = sources.get(path);
      if (source == null || !(source.startsWith("./") || source.startsWith("../"))) {
        return null;
      }
      dir = dir.resolve(source).normalize();
    }
    return dir;
  }

  /** Blocks of every {@code .tf} file in {@code dir} by {@code TYPE.NAME}, {@code data.TYPE.NAME}, {@code module.NAME}. */
  private Map<String, Location> index(Path dir) {
    if (dir == null) {
      return Map.of();
    }
    return byDir.computeIfAbsent(dir, d -> {
      Map<String, Location> found = new HashMap<>();
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(d, "*.tf")) {
        s.forEach(files::add);
      } catch (IOException e) {
        // A missing folder's exception names only the folder: say what is wrong and what to check.
        String why = e instanceof NoSuchFileException
            ? "it does not exist (check --source-root and the module's source in the plan)" : e.getMessage();
        warnings.add(d + ": cannot list the Terraform files: " + why + "; findings of its resources point at the plan");
        return found;
      }
      files.sort(null);
      for (Path file : files) {
        TfBlocks blocks;
        try {
          blocks = TfBlocks.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (CharacterCodingException e) {
          // The decoder's own message ("Input length = 1") names neither the problem nor the fix.
          warnings.add(file + ": cannot be read as Terraform (it is not UTF-8 text; save it as UTF-8)"
              + "; findings of its resources point at the plan");
          continue;
        } catch (IOException | IllegalArgumentException e) {
          warnings.add(file + ": cannot be read as Terraform (" + e.getMessage()
              + "); findings of its resources point at the plan");
          continue;
        }
        String name = file.toString();
        for (TfBlocks.Block b : blocks.blocks()) {
          String key = switch (b.type()) {
            case "resource" -> b.labels().size() == 2 ? b.labels().get(0) + "." + b.labels().get(1) : null;
            case "data" -> b.labels().size() == 2 ? "data." + b.labels().get(0) + "." + b.labels().get(1) : null;
            case "module" -> b.labels().size() == 1 ? "module." + b.labels().get(0) : null;
            default -> null;
          };
          if (key != null) {
            found.putIfAbsent(key, Location.at(name, b.startLine()));
          }
        }
        for (Ignore ig : blocks.ignores()) {
          ignores.add(new Ignore(ig.rule(), name, ig.fromLine(), ig.toLine(), ig.reason(),
              Location.at(name, ig.source().line()), ig.kind()));
        }
      }
      return found;
    });
  }

  /**
   * A resource address split into its module names, its resource ({@code TYPE.NAME} or {@code
   * data.TYPE.NAME}) and the instance keys written in it ({@code ["a"][0]}).
   */
  record Address(List<String> modules, String resource, String keys) {

    static Address parse(String address) {
      List<String> parts = new ArrayList<>();
      StringBuilder keys = new StringBuilder();
      StringBuilder cur = new StringBuilder();
      int i = 0;
      while (i < address.length()) {
        char c = address.charAt(i);
        if (c == '[') {
          int end = keyEnd(address, i);
          if (end < 0) {
            return null;
          }
          keys.append(address, i, end + 1);
          i = end + 1;
        } else if (c == '.') {
          parts.add(cur.toString());
          cur.setLength(0);
          i++;
        } else {
          cur.append(c);
          i++;
        }
      }
      parts.add(cur.toString());
      List<String> modules = new ArrayList<>();
      int k = 0;
      while (k + 1 < parts.size() && parts.get(k).equals("module")) {
        modules.add(parts.get(k + 1));
        k += 2;
      }
      List<String> rest = parts.subList(k, parts.size());
      boolean data = rest.size() == 3 && rest.get(0).equals("data");
      if (!(rest.size() == 2 || data) || rest.stream().anyMatch(String::isEmpty)) {
        return null;
      }
      return new Address(modules, String.join(".", rest), keys.toString());
    }

    /** The index of the {@code ]} that closes the key opened at {@code open}, quotes honoured. */
    private static int keyEnd(String s, int open) {
      boolean quoted = false;
      for (int j = open + 1; j < s.length(); j++) {
        char c = s.charAt(j);
        if (quoted && c == '\\') {
          j++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ']' && !quoted) {
          return j;
        }
      }
      return -1;
    }
  }
}
