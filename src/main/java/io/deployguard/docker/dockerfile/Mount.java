package io.deployguard.docker.dockerfile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@code RUN --mount=...} option, read with BuildKit's defaults: type {@code bind} unless given;
 * {@code dst} and {@code destination} mean {@code target}, {@code src} means {@code source};
 * bind and cache mounts without a target mount at the working directory; a secret without a target
 * is at {@code /run/secrets/<id>}, an ssh socket at BuildKit's agent socket path; bind and secret
 * mounts are read-only unless {@code rw}, cache and tmpfs mounts writable.
 *
 * @param type {@code bind}, {@code cache}, {@code tmpfs}, {@code secret} or {@code ssh}
 * @param target the target as written, or {@code null} when it takes BuildKit's default
 * @param source the {@code source} path as written, or {@code null}
 * @param from the stage or image of a bind or cache mount, or {@code null} (the build context)
 * @param readOnly whether the mount is read-only, with BuildKit's default for its type
 * @param options every key/value written, with lower-case keys ({@code ro} and the like with an
 *     empty value)
 */
public record Mount(String type, String target, String source, String from, boolean readOnly, Map<String, String> options) {

  private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
  private static final Set<String> SHARING = Set.of("shared", "private", "locked");
  private static final List<String> KEYS = List.of("type", "from", "source", "src", "target", "dst", "destination",
      "readonly", "ro", "readwrite", "rw", "id", "sharing", "required", "size", "mode", "uid", "gid", "env");

  public Mount {
    Objects.requireNonNull(type, "type");
    options = Map.copyOf(options);
  }

  /** Whether files written under this mount stay out of the image's layer. */
  public boolean keepsFilesOutOfLayer() {
    return type.equals("cache") || type.equals("tmpfs");
  }

  /**
   * Where the mount is, for a {@code RUN} whose working directory is {@code workdir}: the target made
   * absolute, the working directory itself for a bind, cache or tmpfs mount without one, the default
   * path for secrets and ssh.
   */
  public String target(String workdir) {
    String wd = workdir == null || workdir.isEmpty() ? "/" : workdir;
    if (target == null || target.isEmpty()) {
      return switch (type) {
        case "secret" -> "/run/secrets/" + baseName(options.getOrDefault("source", options.getOrDefault("id", "")));
        case "ssh" -> "/run/buildkit/ssh_agent.0";
        default -> wd;
      };
    }
    return clean(target.startsWith("/") ? target : wd + "/" + target);
  }

  /** The path with {@code .}, {@code ..} and repeated slashes resolved, as Go's {@code path.Clean} does for absolute paths. */
  static String clean(String path) {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        parts.pollLast();
      } else {
        parts.addLast(p);
      }
    }
    return "/" + String.join("/", parts);
  }

  /**
   * Parses a mount specification as BuildKit's frontend does: comma-separated fields (quoted fields
   * keep their commas), {@code key=value} or the bare flags {@code ro}, {@code readonly}, {@code rw},
   * {@code readwrite} and {@code required}. Only what BuildKit rejects is an error; values that hold
   * a variable are taken as written, since BuildKit expands them only when it runs the build.
   *
   * @throws IllegalArgumentException naming the mount option BuildKit rejects
   */
  static Mount parse(String spec) {
    Map<String, String> opts = new LinkedHashMap<>();
    String type = "bind";
    Boolean readOnly = null;
    for (String field : fields(spec)) {
      int eq = field.indexOf('=');
      String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : field.substring(eq + 1);
      boolean variable = value != null && value.contains("$");
      if (value == null) {
        switch (key) {
          case "readonly", "ro" -> readOnly = true;
          case "readwrite", "rw" -> readOnly = false;
          case "required" -> requireSecretOrSsh(key, type);
          default -> throw new IllegalArgumentException("invalid field '" + field + "': it must be a key=value pair");
        }
        opts.put(canonical(key), "");
        continue;
      }
      if (key.equals("from") && value.indexOf('$') >= 0 && value.indexOf('$') != value.length() - 1) {
        throw new IllegalArgumentException("'from' doesn't support variable expansion: define an alias stage instead");
      }
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unexpected key '" + key + "' in '" + field + "' (keys: "
            + String.join(", ", KEYS) + ")");
      }
      if (!variable) {
        switch (key) {
          case "type" -> {
            type = value.toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
              throw new IllegalArgumentException("unsupported mount type '" + value + "' (use bind, cache, tmpfs, secret or ssh)");
            }
          }
          case "readonly", "ro" -> readOnly = bool(key, value);
          case "readwrite", "rw" -> readOnly = !bool(key, value);
          case "required" -> {
            requireSecretOrSsh(key, type);
            bool(key, value);
          }
          case "size" -> {
            if (!type.equals("tmpfs")) {
              throw new IllegalArgumentException("unexpected key 'size' for mount type '" + type + "'");
            }
            if (!value.matches("[0-9]+(\\.[0-9]+)?\\s*([kKmMgGtTpP]([iI]?[bB])?|[bB])?")) {
              throw new IllegalArgumentException("invalid value for size: " + value);
            }
          }
          case "sharing" -> {
            if (!SHARING.contains(value.toLowerCase(Locale.ROOT))) {
              throw new IllegalArgumentException("unsupported sharing value '" + value + "' (use shared, private or locked)");
            }
          }
          case "mode" -> number(key, value, 8);
          case "uid", "gid" -> number(key, value, 10);
          default -> { }
        }
      }
      opts.put(canonical(key), value);
    }
    check(type, opts);
    String target = opts.get("target");
    boolean ro = readOnly != null ? readOnly : !(type.equals("cache") || type.equals("tmpfs"));
    return new Mount(type, target, opts.get("source"), opts.get("from"), ro, opts);
  }

  private static void check(String type, Map<String, String> opts) {
    boolean fileInfo = type.equals("secret") || type.equals("ssh") || type.equals("cache");
    for (String k : List.of("mode", "uid", "gid")) {
      if (!fileInfo && opts.containsKey(k)) {
        throw new IllegalArgumentException(k + " not allowed for '" + type + "' type mounts");
      }
    }
    if (opts.containsKey("sharing") && !type.equals("cache")) {
      throw new IllegalArgumentException("sharing is only for cache mounts, not for '" + type + "' mounts");
    }
    if (opts.containsKey("required") && !(type.equals("secret") || type.equals("ssh"))) {
      throw new IllegalArgumentException("unexpected key 'required' for mount type '" + type + "'");
    }
    if (type.equals("secret")) {
      if (opts.containsKey("from")) {
        throw new IllegalArgumentException("a secret mount cannot have from=");
      }
      if (blank(opts.get("source")) && blank(opts.get("target")) && blank(opts.get("id"))) {
        throw new IllegalArgumentException("a secret mount needs one of id=, source= or target=");
      }
      if (!blank(opts.get("source")) && !blank(opts.get("id"))) {
        throw new IllegalArgumentException("a secret mount cannot have both source= and id=");
      }
    }
    if (type.equals("ssh") && !blank(opts.get("source"))) {
      throw new IllegalArgumentException("an ssh mount does not support source=");
    }
  }

  private static void requireSecretOrSsh(String key, String type) {
    if (!(type.equals("secret") || type.equals("ssh"))) {
      throw new IllegalArgumentException("unexpected key '" + key + "' for mount type '" + type + "'");
    }
  }

  private static boolean bool(String key, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "t", "true" -> true;
      case "0", "f", "false" -> false;
      default -> throw new IllegalArgumentException("invalid value for " + key + ": " + value + " (use true or false)");
    };
  }

  private static void number(String key, String value, int radix) {
    try {
      long n = Long.parseLong(value, radix);
      if (n < 0 || n > 0xFFFFFFFFL || value.startsWith("+") || value.startsWith("-")) {
        throw new NumberFormatException(value);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid value " + value + " for " + key
          + (radix == 8 ? " (an octal mode such as 0755)" : " (a number)"));
    }
  }

  private static String canonical(String key) {
    return switch (key) {
      case "src" -> "source";
      case "dst", "destination" -> "target";
      case "ro" -> "readonly";
      case "rw" -> "readwrite";
      default -> key;
    };
  }

  /** CSV fields as BuildKit reads them: commas separate, double quotes group, {@code ""} is a quote. */
  private static List<String> fields(String spec) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < spec.length() && spec.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("an unclosed quote in '" + spec + "'");
    }
    out.add(cur.toString());
    return out.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
  }

  private static boolean blank(String s) {
    return s == null || s.isEmpty();
  }

  private static String baseName(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('/') + 1);
  }
}
