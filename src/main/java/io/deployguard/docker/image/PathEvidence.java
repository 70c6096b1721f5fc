package io.deployguard.docker.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A kind of path in the final filesystem that is evidence of something (a compiler, a cache),
 * and the search for it. A pattern matches a whole path; its first group is the root reported
 * (the JDK home for {@code bin/javac}, {@code root/.m2} for anything below it), so that one
 * finding stands for a whole tree with its bytes.
 *
 * @param label what the path is, for messages ({@code Maven repository})
 * @param literal a substring every match contains: a cheap test before the regex
 * @param pattern matched against normalised paths; group 1 is the root
 * @param filesOnly match regular files and hardlinks only (a symlink {@code gcc -> gcc-12} is
 *     not itself a compiler)
 * @param condition a further test on the root, or null
 */
record PathEvidence(String label, String literal, Pattern pattern, boolean filesOnly,
    BiPredicate<ImageAnalysis, String> condition) {

  /** Roots reported as the matched path itself: {@code usr/bin/javac} must not report all of /usr. */
  private static final Set<String> TOO_BROAD = Set.of("", "usr", "usr/local", "opt", "bin", "usr/share");

  static PathEvidence of(String label, String literal, String regex) {
    return new PathEvidence(label, literal, Pattern.compile(regex), false, null);
  }

  static PathEvidence file(String label, String literal, String regex) {
    return new PathEvidence(label, literal, Pattern.compile(regex), true, null);
  }

  PathEvidence when(BiPredicate<ImageAnalysis, String> test) {
    return new PathEvidence(label, literal, pattern, filesOnly, test);
  }

  /**
   * A glob from the configuration: {@code **} any depth, {@code *} within one name, {@code ?} one
   * character, {@code ~/} any home directory; a leading {@code /} is optional. A glob ending in
   * {@code /**} reports the directory before it.
   */
  static PathEvidence glob(String label, String glob) {
    String g = glob.startsWith("/") ? glob.substring(1) : glob;
    boolean tree = g.endsWith("/**");
    String body = tree ? g.substring(0, g.length() - 3) : g;
    StringBuilder re = new StringBuilder();
    int i = 0;
    if (body.startsWith("~/")) {
      re.append("(?:root|home/[^/]+)/");
      i = 2;
    }
    for (; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
        re.append(".*");
        i++;
      } else if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    String regex = "(" + re + ")" + (tree ? "/.+" : "");
    return new PathEvidence(label + " (" + glob + ")", "", Pattern.compile(regex), false, null);
  }

  /** One root found, with the final bytes below it and the layer that wrote most of them. */
  record Hit(String root, String label, long bytes, int layer) {
    /** {@code /root/.m2}: paths in findings are shown absolute. */
    String display() {
      return "/" + root;
    }
  }

  /**
   * Every root matched in the final filesystem, sorted; a root inside another root already found
   * is not reported again, and roots holding no bytes are not reported.
   */
  static List<Hit> find(ImageAnalysis a, List<PathEvidence> kinds) {
    TreeMap<String, String> roots = new TreeMap<>();
    // A literal that ends in '/' can only occur in a path up to its last '/', which the files of
    // one directory share: such literals are looked for once per directory, not once per file.
    // One without a '/' occurs in that directory part or in the file's own name, never across.
    Scope[] scopes = new Scope[kinds.size()];
    for (int i = 0; i < scopes.length; i++) {
      scopes[i] = Scope.of(kinds.get(i), i);
    }
    String dir = null;
    long inDir = 0;
    for (FinalEntry e : a.files().values()) {
      String path = e.path();
      int end = path.lastIndexOf('/') + 1;
      if (dir == null || dir.length() != end || !path.startsWith(dir)) {
        dir = path.substring(0, end);
        inDir = literalsIn(dir, kinds, scopes);
      }
      for (int i = 0; i < kinds.size(); i++) {
        PathEvidence k = kinds.get(i);
        if (k.filesOnly && e.kind() != EntryKind.FILE && e.kind() != EntryKind.HARDLINK) {
          continue;
        }
        if (!k.literal.isEmpty() && !mayMatch(k, scopes[i], i, path, end, inDir)) {
          continue;
        }
        Matcher m = k.pattern.matcher(path);
        if (m.matches()) {
          String root = m.group(1);
          if (TOO_BROAD.contains(root.toLowerCase(Locale.ROOT))) {
            root = path;
          }
          if (k.condition == null || k.condition.test(a, root)) {
            roots.putIfAbsent(root, k.label);
            break;
          }
        }
      }
    }
    List<Hit> hits = new ArrayList<>();
    java.util.Set<String> kept = new java.util.HashSet<>();
    for (var r : roots.entrySet()) {
      if (insideAny(r.getKey(), kept)) {
        continue;
      }
      kept.add(r.getKey());
      long bytes = 0;
      TreeMap<Integer, Long> byLayer = new TreeMap<>();
      for (FinalEntry e : a.subtree(r.getKey()).values()) {
        bytes += e.bytes();
        byLayer.merge(e.layer(), e.bytes(), Long::sum);
      }
      if (bytes == 0) {
        continue;
      }
      int layer = byLayer.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow().getKey();
      hits.add(new Hit(r.getKey(), r.getValue(), bytes, layer));
    }
    return hits;
  }

  /** Where a literal can occur: anywhere, only in the directory part, or in it or the file's name. */
  private enum Scope {
    PATH,
    DIRECTORY,
    DIRECTORY_OR_NAME;

    static Scope of(PathEvidence k, int index) {
      if (index >= Long.SIZE || k.literal.isEmpty()) {
        return PATH;
      }
      return k.literal.endsWith("/") ? DIRECTORY : k.literal.indexOf('/') < 0 ? DIRECTORY_OR_NAME : PATH;
    }
  }

  /** Whether {@code path}, whose name starts at {@code end}, contains the literal of kinds[i]. */
  private static boolean mayMatch(PathEvidence k, Scope scope, int i, String path, int end, long inDir) {
    return switch (scope) {
      case PATH -> path.contains(k.literal);
      case DIRECTORY -> (inDir & 1L << i) != 0;
      case DIRECTORY_OR_NAME -> (inDir & 1L << i) != 0 || path.indexOf(k.literal, end) >= 0;
    };
  }

  /** Bit i set: the literal of kinds[i], one looked for by directory, occurs in {@code dir}. */
  private static long literalsIn(String dir, List<PathEvidence> kinds, Scope[] scopes) {
    long bits = 0;
    for (int i = 0; i < kinds.size(); i++) {
      if (scopes[i] != Scope.PATH && dir.contains(kinds.get(i).literal)) {
        bits |= 1L << i;
      }
    }
    return bits;
  }

  private static boolean insideAny(String path, java.util.Set<String> roots) {
    for (String p = ArchivePaths.parent(path); !p.isEmpty(); p = ArchivePaths.parent(p)) {
      if (roots.contains(p)) {
        return true;
      }
    }
    return false;
  }
}
