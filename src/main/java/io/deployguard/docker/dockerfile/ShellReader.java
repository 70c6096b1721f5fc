package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the commands a {@code RUN} executes. It reads POSIX shell well enough for that: lists
 * split on {@code &&}, {@code ||}, {@code ;}, {@code |}, {@code &} and newlines; quotes and
 * escapes; backslash-newlines; comments; redirections (not arguments) and here-documents; compound
 * commands' reserved words ({@code if}, {@code then}, {@code do} ...); wrappers ({@code sudo},
 * {@code env}, {@code nice}, {@code nohup}, {@code exec}, {@code command}, {@code timeout}); the
 * patterns of {@code case} branches (words, not commands); and it descends into
 * {@code sh -c 'script'}, {@code su -c "..."}, {@code eval "..."}, {@code gosu}, {@code xargs},
 * {@code find -exec}, into a shell fed a heredoc and into a {@code RUN <<EOF} script. Assignments
 * alone ({@code deps='gcc make'}) are commands with an empty program. Command substitutions are kept as text, not analysed: what they run is rarely what a
 * layer is made of.
 */
public final class ShellReader {

  private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh");
  private static final Set<String> RESERVED = Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{",
      "}", "fi", "done", "esac", "time");
  private static final Set<String> SKIP_WHOLE = Set.of("for", "case", "select", "function", "in");
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final Pattern PYTHON = Pattern.compile("python[0-9.]*");
  private static final int MAX_DEPTH = 8;

  private ShellReader() {}

  /** The commands of a {@code RUN} instruction, in order; none for other instructions. */
  public static List<ShellCommand> commands(Instruction run) {
    if (!run.is("RUN")) {
      return List.of();
    }
    if (run.json()) {
      List<Word> words = new ArrayList<>();
      for (String s : run.execForm()) {
        words.add(new Word(s, lines(s.length(), run.line())));
      }
      List<ShellCommand> out = new ArrayList<>();
      simple(words, List.of(), out, 0);
      return out;
    }
    int[] lines = new int[run.arguments().length()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = run.lineAt(i);
    }
    Map<String, Heredoc> docs = new LinkedHashMap<>();
    for (Heredoc h : run.heredocs()) {
      docs.putIfAbsent(h.name(), h);
    }
    return read(run.arguments(), lines, docs, 0);
  }

  /** The commands of a shell script whose first line is {@code firstLine}. */
  public static List<ShellCommand> script(String text, int firstLine) {
    return read(text, linesOf(text, firstLine), Map.of(), 0);
  }

  private record Word(String text, int[] lines) {
    int line() {
      return lines[0];
    }
  }

  /** A here-document a command reads, with the lines of its body. */
  private record Body(String text, int[] lines) {}

  /** Where a reader is in {@code case ... esac}: its patterns are words, not commands. */
  private static final class CaseState {
    int depth;
    boolean pattern;
  }

  /** Hands the words before a separator to {@link #simple}, unless they are {@code case} patterns. */
  private static void flush(List<Word> words, List<Body> bodies, List<ShellCommand> out, int depth, String separator,
      CaseState cs) {
    String first = words.isEmpty() ? "" : words.get(0).text();
    if (first.equals("case")) {
      cs.depth++;
      // "case $x in amd64) ...": the first pattern may end right here.
      int in = words.stream().map(Word::text).toList().indexOf("in");
      cs.pattern = !(separator.equals(")") && in > 0 && in < words.size() - 1);
      return;
    }
    if (first.equals("esac") && cs.depth > 0) {
      cs.depth--;
      cs.pattern = false;
      simple(words.subList(1, words.size()), bodies, out, depth);
      return;
    }
    if (cs.pattern && cs.depth > 0) {
      if (separator.equals(")")) {
        cs.pattern = false;
      }
      return;
    }
    simple(words, bodies, out, depth);
    if (cs.depth > 0 && (separator.equals(";;") || separator.equals(";&"))) {
      cs.pattern = true;
    }
  }

  private static List<ShellCommand> read(String s, int[] lineOf, Map<String, Heredoc> external, int depth) {
    List<ShellCommand> out = new ArrayList<>();
    if (depth > MAX_DEPTH) {
      return out;
    }
    Map<String, Heredoc> unused = new HashMap<>(external);
    List<Word> words = new ArrayList<>();
    List<Body> bodies = new ArrayList<>();
    List<String[]> inlinePending = new ArrayList<>();
    StringBuilder cur = null;
    List<Integer> curLines = new ArrayList<>();
    boolean quoted = false;
    String redirect = null;
    CaseState cs = new CaseState();
    int i = 0;
    int n = s.length();
    while (i <= n) {
      char c = i < n ? s.charAt(i) : '\n';
      boolean wordEnds = c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' || c == '&' || c == '('
          || c == ')' || c == '<' || c == '>';
      if (wordEnds && cur != null) {
        boolean fd = !quoted && (c == '<' || c == '>') && cur.chars().allMatch(Character::isDigit);
        if (!fd) {
          // An empty quoted word ("") has no characters of its own to take a line from.
          int[] wordLines = curLines.isEmpty() ? new int[] {lineOf[Math.min(i, lineOf.length - 1)]}
              : curLines.stream().mapToInt(Integer::intValue).toArray();
          Word w = new Word(cur.toString(), wordLines);
          if (redirect != null) {
            if (redirect.startsWith("<<") && !redirect.equals("<<<")) {
              String name = w.text();
              Heredoc h = unused.remove(name);
              if (h != null) {
                bodies.add(new Body(h.content(), linesOf(h.content(), h.line())));
              } else {
                inlinePending.add(new String[] {name, redirect});
              }
            }
            redirect = null;
          } else {
            words.add(w);
          }
        }
        cur = null;
        curLines = new ArrayList<>();
        quoted = false;
      }
      if (i == n) {
        flush(words, bodies, out, depth, "\n", cs);
        break;
      }
      int line = lineOf[Math.min(i, lineOf.length - 1)];
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\n') {
        i++;
        for (String[] pending : inlinePending) {
          i = inlineBody(s, lineOf, i, pending[0], pending[1].equals("<<-"), bodies);
        }
        inlinePending.clear();
        flush(words, bodies, out, depth, "\n", cs);
        words = new ArrayList<>();
        bodies = new ArrayList<>();
      } else if (c == '#' && cur == null) {
        while (i < n && s.charAt(i) != '\n') {
          i++;
        }
      } else if (c == ';' || c == '|' || (c == '&' && !(i + 1 < n && s.charAt(i + 1) == '>')) || c == '(' || c == ')') {
        int len = (i + 1 < n && (s.startsWith("&&", i) || s.startsWith("||", i) || s.startsWith(";;", i)
            || s.startsWith(";&", i) || s.startsWith("|&", i))) ? 2 : 1;
        flush(words, bodies, out, depth, s.substring(i, i + len), cs);
        words = new ArrayList<>();
        bodies = new ArrayList<>();
        i += len;
      } else if (c == '<' || c == '>' || c == '&') {
        int j = i + 1;
        while (j < n && j < i + 3 && "<>&|-".indexOf(s.charAt(j)) >= 0) {
          j++;
        }
        redirect = s.substring(i, j);
        i = j;
      } else {
        if (cur == null) {
          cur = new StringBuilder();
        }
        if (c == '\\') {
          if (i + 1 < n && s.charAt(i + 1) != '\n') {
            cur.append(s.charAt(i + 1));
            curLines.add(lineOf[i + 1]);
          }
          i += 2;
        } else if (c == '\'') {
          quoted = true;
          int j = s.indexOf('\'', i + 1);
          j = j < 0 ? n : j;
          for (int k = i + 1; k < j; k++) {
            cur.append(s.charAt(k));
            curLines.add(lineOf[k]);
          }
          i = j + 1;
        } else if (c == '"') {
          quoted = true;
          int k = i + 1;
          while (k < n && s.charAt(k) != '"') {
            char d = s.charAt(k);
            if (d == '\\' && k + 1 < n && "$`\"\\\n".indexOf(s.charAt(k + 1)) >= 0) {
              if (s.charAt(k + 1) != '\n') {
                cur.append(s.charAt(k + 1));
                curLines.add(lineOf[k + 1]);
              }
              k += 2;
            } else {
              cur.append(d);
              curLines.add(lineOf[k]);
              k++;
            }
          }
          i = k + 1;
        } else if (c == '$' && i + 1 < n && (s.charAt(i + 1) == '(' || s.charAt(i + 1) == '{')) {
          int j = closing(s, i + 1);
          for (int k = i; k < j; k++) {
            cur.append(s.charAt(k));
            curLines.add(lineOf[k]);
          }
          i = j;
        } else if (c == '`') {
          int j = s.indexOf('`', i + 1);
          j = j < 0 ? n : j + 1;
          for (int k = i; k < j; k++) {
            cur.append(s.charAt(k));
            curLines.add(lineOf[k]);
          }
          i = j;
        } else {
          cur.append(c);
          curLines.add(line);
          i++;
        }
      }
    }
    return out;
  }

  /** Reads an inline here-document body starting at {@code from}; returns the offset after its delimiter line. */
  private static int inlineBody(String s, int[] lineOf, int from, String name, boolean chomp, List<Body> bodies) {
    StringBuilder body = new StringBuilder();
    List<Integer> lines = new ArrayList<>();
    int i = from;
    while (i < s.length()) {
      int end = s.indexOf('\n', i);
      end = end < 0 ? s.length() : end;
      String line = s.substring(i, end);
      String candidate = chomp ? line.replaceFirst("^\t+", "") : line;
      int lineNo = lineOf[Math.min(i, lineOf.length - 1)];
      i = end + 1;
      if (candidate.equals(name)) {
        break;
      }
      body.append(candidate).append('\n');
      for (int k = 0; k <= candidate.length(); k++) {
        lines.add(lineNo);
      }
    }
    bodies.add(new Body(body.toString(), lines.stream().mapToInt(Integer::intValue).toArray()));
    return Math.min(i, s.length());
  }

  /** Looks through wrappers and shells and adds what the simple command really runs. */
  private static void simple(List<Word> all, List<Body> bodies, List<ShellCommand> out, int depth) {
    Map<String, String> env = new LinkedHashMap<>();
    int i = 0;
    while (i < all.size()) {
      String w = all.get(i).text();
      if (RESERVED.contains(w)) {
        i++;
      } else if (SKIP_WHOLE.contains(w)) {
        return;
      } else if (ASSIGNMENT.matcher(w).matches()) {
        int eq = w.indexOf('=');
        env.put(w.substring(0, eq), w.substring(eq + 1));
        i++;
      } else if (w.equals("sudo")) {
        i = options(all, i + 1, Set.of("-u", "-g", "-h", "-p", "-C", "-D", "-r", "-t", "-U", "-T"));
      } else if (w.equals("env")) {
        i = options(all, i + 1, Set.of("-u", "-C", "-S", "--unset", "--chdir"));
      } else if (w.equals("nice") || w.equals("ionice")) {
        i = options(all, i + 1, Set.of("-n", "-c"));
      } else if (w.equals("timeout")) {
        i = options(all, i + 1, Set.of("-s", "-k", "--signal", "--kill-after")) + 1;
      } else if (w.equals("command") && i + 1 < all.size() && (all.get(i + 1).text().equals("-v")
          || all.get(i + 1).text().equals("-V"))) {
        // "command -v make" looks make up; it runs nothing.
        return;
      } else if (w.equals("nohup") || w.equals("exec") || w.equals("command") || w.equals("builtin")) {
        i = options(all, i + 1, Set.of());
      } else {
        break;
      }
    }
    if (i >= all.size() && !env.isEmpty() && bodies.isEmpty()) {
      out.add(new ShellCommand("", List.of(), env, all.get(0).line()));
      return;
    }
    if (i >= all.size()) {
      // "RUN <<EOF": the heredoc is the script, run by the default shell unless its #! says otherwise.
      for (Body b : bodies) {
        if (shellScript(b.text())) {
          out.addAll(read(b.text(), b.lines(), Map.of(), depth + 1));
        }
      }
      return;
    }
    Word program = all.get(i);
    List<Word> args = all.subList(i + 1, all.size());
    String name = program.text().substring(program.text().lastIndexOf('/') + 1);
    if (SHELLS.contains(name)) {
      for (int a = 0; a < args.size(); a++) {
        String opt = args.get(a).text();
        if (opt.startsWith("-") && !opt.startsWith("--") && opt.indexOf('c') > 0) {
          if (a + 1 < args.size()) {
            Word script = args.get(a + 1);
            out.addAll(read(script.text(), script.lines().length == 0 ? new int[] {program.line()} : script.lines(),
                Map.of(), depth + 1));
          }
          return;
        } else if (opt.matches("[-+][a-zA-Z]*o[a-zA-Z]*")) {
          // -o takes an option name (-euo pipefail), also inside a cluster
          a++;
        } else if (!opt.startsWith("-")) {
          break;
        }
      }
      if (args.stream().noneMatch(a -> !a.text().startsWith("-")) && !bodies.isEmpty()) {
        for (Body b : bodies) {
          out.addAll(read(b.text(), b.lines(), Map.of(), depth + 1));
        }
        return;
      }
    }
    if (depth < MAX_DEPTH && runsAnother(name, program, args, bodies, out, depth)) {
      return;
    }
    List<String> texts = new ArrayList<>(args.stream().map(Word::text).toList());
    String prog = program.text();
    int line = program.line();
    if (PYTHON.matcher(name).matches() && texts.size() >= 2 && texts.get(0).equals("-m")) {
      // "python -m build" is the build front end, whose command is pyproject-build; "build" alone could be anything.
      prog = texts.get(1).equals("build") ? "pyproject-build" : texts.get(1);
      texts = new ArrayList<>(texts.subList(2, texts.size()));
    }
    out.add(new ShellCommand(prog, texts, env, line));
  }

  /**
   * Reads the command that {@code su -c}, {@code runuser -c}, {@code eval}, {@code gosu},
   * {@code su-exec}, {@code xargs} or {@code find -exec} runs; returns whether {@code name} was one
   * of them (it is itself recorded too, for what it does besides).
   */
  private static boolean runsAnother(String name, Word program, List<Word> args, List<Body> bodies,
      List<ShellCommand> out, int depth) {
    switch (name) {
      case "su", "runuser" -> {
        for (int a = 0; a < args.size(); a++) {
          String opt = args.get(a).text();
          if ((opt.equals("-c") || opt.equals("--command")) && a + 1 < args.size()) {
            Word script = args.get(a + 1);
            out.addAll(read(script.text(), script.lines(), Map.of(), depth + 1));
            return true;
          }
          if (opt.startsWith("--command=")) {
            Word script = args.get(a);
            out.addAll(read(opt.substring("--command=".length()), java.util.Arrays.copyOfRange(script.lines(),
                Math.min("--command=".length(), script.lines().length - 1), script.lines().length), Map.of(), depth + 1));
            return true;
          }
        }
        return false;
      }
      case "eval" -> {
        StringBuilder text = new StringBuilder();
        List<Integer> lines = new ArrayList<>();
        for (Word w : args) {
          if (text.length() > 0) {
            text.append(' ');
            lines.add(w.line());
          }
          text.append(w.text());
          for (int k = 0; k < w.text().length(); k++) {
            lines.add(w.lines()[Math.min(k, w.lines().length - 1)]);
          }
        }
        int[] l = lines.isEmpty() ? new int[] {program.line()} : lines.stream().mapToInt(Integer::intValue).toArray();
        out.addAll(read(text.toString(), l, Map.of(), depth + 1));
        return true;
      }
      case "gosu", "su-exec" -> {
        if (args.size() >= 2) {
          simple(args.subList(1, args.size()), bodies, out, depth + 1);
          return true;
        }
        return false;
      }
      case "xargs" -> {
        Set<String> withValue = Set.of("-I", "-n", "-L", "-P", "-d", "-s", "-a", "-E", "-e", "--max-args",
            "--max-procs", "--delimiter", "--arg-file", "--max-lines", "--max-chars", "--replace");
        int a = 0;
        while (a < args.size() && args.get(a).text().startsWith("-")) {
          a += withValue.contains(args.get(a).text()) ? 2 : 1;
        }
        if (a < args.size()) {
          simple(args.subList(a, args.size()), bodies, out, depth + 1);
        }
        out.add(new ShellCommand(program.text(), args.subList(0, Math.min(a, args.size())).stream().map(Word::text).toList(),
            Map.of(), program.line()));
        return true;
      }
      case "find" -> {
        List<String> own = new ArrayList<>();
        for (int a = 0; a < args.size(); a++) {
          String opt = args.get(a).text();
          if (opt.equals("-exec") || opt.equals("-execdir") || opt.equals("-ok") || opt.equals("-okdir")) {
            int end = a + 1;
            while (end < args.size() && !args.get(end).text().equals(";") && !args.get(end).text().equals("+")) {
              end++;
            }
            if (end > a + 1) {
              simple(args.subList(a + 1, end), List.of(), out, depth + 1);
            }
            own.add(opt);
            a = end;
          } else {
            own.add(opt);
          }
        }
        out.add(new ShellCommand(program.text(), own, Map.of(), program.line()));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  /** Skips a wrapper's options (those in {@code withValue} take the next word too) and assignments. */
  private static int options(List<Word> words, int from, Set<String> withValue) {
    int i = from;
    while (i < words.size()) {
      String w = words.get(i).text();
      if (w.equals("--")) {
        return i + 1;
      }
      if (w.startsWith("-")) {
        i += withValue.contains(w) ? 2 : 1;
      } else {
        return i;
      }
    }
    return i;
  }

  private static boolean shellScript(String body) {
    if (!body.startsWith("#!")) {
      return true;
    }
    String shebang = body.lines().findFirst().orElse("");
    for (String sh : SHELLS) {
      if (shebang.matches("#!\\s*\\S*/(env\\s+)?" + sh + "(\\s.*)?")) {
        return true;
      }
    }
    return false;
  }

  private static int closing(String s, int open) {
    char o = s.charAt(open);
    char c = o == '(' ? ')' : '}';
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == o) {
        depth++;
      } else if (ch == c && --depth == 0) {
        return i + 1;
      }
    }
    return s.length();
  }

  private static int[] lines(int length, int line) {
    int[] l = new int[Math.max(length, 1)];
    java.util.Arrays.fill(l, line);
    return l;
  }

  private static int[] linesOf(String text, int firstLine) {
    int[] l = new int[Math.max(text.length(), 1)];
    int line = firstLine;
    for (int i = 0; i < text.length(); i++) {
      l[i] = line;
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    if (text.isEmpty()) {
      l[0] = firstLine;
    }
    return l;
  }
}
