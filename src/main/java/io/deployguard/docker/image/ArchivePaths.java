package io.deployguard.docker.image;

/**
 * The names written inside an image archive (tar member names, layer entries, link targets and the
 * members a manifest names): normalised, and refused when they could escape the archive's root.
 */
final class ArchivePaths {
  private ArchivePaths() {}

  /** Thrown for a name with {@code ..} or, where not allowed, an absolute path. */
  static final class BadPath extends Exception {
    private static final long serialVersionUID = 1L;

    BadPath(String message) {
      super(message);
    }
  }

  /**
   * {@code ./usr//bin/} -> {@code usr/bin}; {@code ./} -> {@code ""}.
   *
   * @param allowAbsolute strip a leading {@code /} instead of refusing it
   */
  static String normalize(String name, boolean allowAbsolute) throws BadPath {
    if (name.startsWith("/") && !allowAbsolute) {
      throw new BadPath("absolute path '" + name + "'");
    }
    if (plain(name)) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name.length());
    for (String part : name.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        throw new BadPath("path '" + name + "' climbs out of its root with '..'");
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(part);
    }
    return sb.toString();
  }

  /** Whether every segment is a plain name (no empty, {@code .} or {@code ..} segment): one scan. */
  private static boolean plain(String name) {
    int n = name.length();
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || name.charAt(i) == '/') {
        int len = i - start;
        if (len == 0 || (len == 1 && name.charAt(start) == '.')
            || (len == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.')) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /**
   * Resolves {@code ..} inside an archive's own namespace ({@code a/../b} -> {@code b}), for link
   * targets; a leading {@code /} means the archive root.
   *
   * @throws BadPath when the path climbs above the root
   */
  static String resolve(String path) throws BadPath {
    java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (parts.isEmpty()) {
          throw new BadPath("path '" + path + "' climbs out of the archive with '..'");
        }
        parts.removeLast();
      } else {
        parts.addLast(part);
      }
    }
    return String.join("/", parts);
  }

  /** The directory part of a normalised path ({@code ""} at the top). */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static String join(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }
}
