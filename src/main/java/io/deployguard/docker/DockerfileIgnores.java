package io.deployguard.docker;

import io.deployguard.policy.IgnoreComment;
import io.deployguard.policy.Ignore;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suppression comments of a Dockerfile, read from its text beside the parser:
 * {@code # deployguard:ignore=DF001 reason} covers the next instruction (all its continuation
 * lines), {@code # deployguard:ignore-file=DF004 reason} the whole file. Comments inside a heredoc
 * body or between continuation lines belong to the instruction and are not suppressions of the
 * next one.
 */
public final class DockerfileIgnores {

  private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("#[ \\t]*escape[ \\t]*=[ \\t]*([\\\\`])[ \\t]*",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HEREDOC = Pattern.compile("<<(-?)[ \\t]*([\"']?)([A-Za-z_][A-Za-z0-9_]{0,63})\\2");
  /** The instructions whose heredocs the parser reads (as it does, only at the top level and in shell form). */
  private static final java.util.Set<String> HEREDOC_FORMS = java.util.Set.of("RUN", "COPY", "ADD");

  private DockerfileIgnores() {}

  /**
   * @param file the Dockerfile (as the reader opened it)
   * @throws InputException for a suppression comment without rule ids or reason
   */
  public static List<Ignore> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // The scan has read it already; if it cannot now, the scan's own error says so.
      return List.of();
    }
    return of(text, file.toString());
  }

  /** The suppressions in {@code text}; {@code name} is the file, named in errors. */
  public static List<Ignore> of(String text, String name) {
    String[] lines = text.split("\r?\n", -1);
    char escape = '\\';
    List<Ignore> out = new ArrayList<>();
    List<IgnoreComment> pending = new ArrayList<>();
    List<Integer> pendingLines = new ArrayList<>();
    boolean directives = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String t = line.strip();
      if (directives) {
        Matcher m = ESCAPE_DIRECTIVE.matcher(t);
        if (m.matches()) {
          escape = m.group(1).charAt(0);
          continue;
        }
        directives = t.startsWith("#") && t.contains("=") && !t.contains(IgnoreComment.MARKER);
      }
      if (t.isEmpty()) {
        continue;
      }
      if (t.startsWith("#")) {
        IgnoreComment c = IgnoreComment.parse(t.substring(1), name, i + 1);
        if (c != null && c.wholeFile()) {
          out.addAll(c.ignores(i + 1, 1, 1));
        } else if (c != null) {
          pending.add(c);
          pendingLines.add(i + 1);
        }
        continue;
      }
      // An instruction: it runs to the first line that does not end with the escape character,
      // then through the bodies of any heredocs it opens.
      int start = i;
      String[] words = t.split("[ \\t]+", 2);
      boolean heredocForm = HEREDOC_FORMS.contains(words[0].toUpperCase(java.util.Locale.ROOT))
          && !(words.length > 1 && words[1].startsWith("["));
      List<String[]> heredocs = new ArrayList<>();
      collectHeredocs(heredocForm, line, heredocs);
      boolean continued = endsWithEscape(lines[i], escape);
      while (continued && i + 1 < lines.length) {
        i++;
        String next = lines[i].strip();
        if (next.startsWith("#") || next.isEmpty()) {
          // Comments and blank lines inside a continued instruction are dropped by the builder.
          continue;
        }
        collectHeredocs(heredocForm, lines[i], heredocs);
        continued = endsWithEscape(lines[i], escape);
      }
      for (String[] end : heredocs) {
        // The body ends at a line holding only the name (after leading tabs, for <<-), as for the parser.
        while (i + 1 < lines.length && !(end[1].isEmpty() ? lines[++i] : lines[++i].replaceFirst("^\t+", ""))
            .equals(end[0])) {
          // heredoc body
        }
      }
      for (int k = 0; k < pending.size(); k++) {
        out.addAll(pending.get(k).ignores(pendingLines.get(k), start + 1, i + 1));
      }
      pending.clear();
      pendingLines.clear();
    }
    for (int k = 0; k < pending.size(); k++) {
      // A suppression with no instruction after it covers nothing; it is reported as unused.
      out.addAll(pending.get(k).ignores(pendingLines.get(k), lines.length + 1, lines.length + 1));
    }
    return out;
  }

  private static boolean endsWithEscape(String line, char escape) {
    String t = line.stripTrailing();
    return !t.isEmpty() && t.charAt(t.length() - 1) == escape && !t.strip().startsWith("#");
  }

  /** The heredocs {@code line} opens, each as its name and its {@code -} (tab-stripping) mark. */
  private static void collectHeredocs(boolean heredocForm, String line, List<String[]> into) {
    if (!heredocForm) {
      return;
    }
    Matcher m = HEREDOC.matcher(line);
    while (m.find()) {
      into.add(new String[] {m.group(3), m.group(1)});
    }
  }
}
