package io.deployguard.docker.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.InputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Dockerfile the way BuildKit's frontend does, into a {@link Dockerfile}: parser
 * directives ({@code syntax}, {@code escape}, {@code check}) at the top only; comment lines
 * anywhere, also inside continuations; continuations with the escape character, where comment and
 * empty lines in between are dropped and the leading blanks of continued lines are kept;
 * heredocs after {@code RUN}, {@code COPY} and {@code ADD}; exec (JSON) and shell forms; builder
 * flags; {@code ARG} before {@code FROM} and its substitution into {@code FROM}; stages and their
 * names. Anything BuildKit would reject is an {@link InputException} naming the line and the fix.
 */
public final class DockerfileParser {

  static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM",
      "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR");

  private static final Map<String, Set<String>> FLAGS = Map.of(
      "FROM", Set.of("platform"),
      "RUN", Set.of("mount", "network", "security", "device"),
      "COPY", Set.of("from", "chown", "chmod", "link", "parents", "exclude"),
      "ADD", Set.of("chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"),
      "HEALTHCHECK", Set.of("interval", "timeout", "start-period", "start-interval", "retries"));

  /** BuildKit reads a Dockerfile with a line scanner whose longest line is this many bytes. */
  static final int MAX_LINE_BYTES = 65535;

  private static final Set<String> JSON_FORMS = Set.of("RUN", "CMD", "ENTRYPOINT", "SHELL", "COPY", "ADD", "VOLUME");
  private static final Set<String> HEREDOC_FORMS = Set.of("RUN", "COPY", "ADD");
  private static final Set<String> DIRECTIVES = Set.of("syntax", "escape", "check");
  private static final Pattern HEREDOC = Pattern.compile("<<(-?)([^<]+)");
  private static final Pattern ARG_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9._-]*");
  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final String path;
  private final List<String> lines;
  private final Map<String, String> buildArgs;
  private final int maxStages;
  private final Variables.Budget budget = Variables.Budget.standard();
  private int next;
  private char escape = '\\';

  private DockerfileParser(String path, List<String> lines, Map<String, String> buildArgs, int maxStages) {
    this.path = path;
    this.lines = lines;
    this.buildArgs = buildArgs;
    this.maxStages = maxStages;
  }

  /**
   * Parses the bytes of a Dockerfile (UTF-8, with or without a byte-order mark).
   *
   * @param path the file's name for findings and errors
   * @param buildArgs values of build arguments, as {@code --build-arg} would give them; they
   *     override the defaults of {@code ARG}
   * @throws InputException when the file is binary, not UTF-8, or not a valid Dockerfile
   */
  public static Dockerfile parse(String path, byte[] content, Map<String, String> buildArgs) {
    return parse(path, content, buildArgs, DockerfileSettings.DEFAULT_MAX_STAGES);
  }

  /**
   * Parses the bytes of a Dockerfile as {@link #parse(String, byte[], Map)} does, rejecting one
   * with more than {@code maxStages} stages ({@code dockerfile.max_stages}).
   */
  public static Dockerfile parse(String path, byte[] content, Map<String, String> buildArgs, int maxStages) {
    for (int i = 0; i < content.length; i++) {
      if (content[i] == 0) {
        throw new InputException(path, "line " + lineOfByte(content, i),
            "binary content (a NUL byte), not a Dockerfile", "give the path of a Dockerfile, a text file");
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length + 1);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      throw new InputException(path, "line " + lineOfByte(content, in.position()),
          "not UTF-8 text (byte " + in.position() + ")", "save the Dockerfile as UTF-8");
    }
    decoder.flush(out);
    out.flip();
    return parse(path, out.toString(), buildArgs, maxStages);
  }

  /** Parses the text of a Dockerfile; see {@link #parse(String, byte[], Map)}. */
  public static Dockerfile parse(String path, String text, Map<String, String> buildArgs) {
    return parse(path, text, buildArgs, DockerfileSettings.DEFAULT_MAX_STAGES);
  }

  private static Dockerfile parse(String path, String text, Map<String, String> buildArgs, int maxStages) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> lines = new ArrayList<>();
    for (String l : t.split("\n", -1)) {
      lines.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
    }
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    for (int i = 0; i < lines.size(); i++) {
      if (utf8Length(lines.get(i)) > MAX_LINE_BYTES) {
        throw new InputException(path, "line " + (i + 1), "the line is longer than " + MAX_LINE_BYTES
            + " bytes, the most BuildKit reads in one line", "split it with '\\' continuations");
      }
    }
    if (lines.stream().allMatch(String::isBlank)) {
      throw new InputException(path, "", "the file is empty", "give the path of a Dockerfile with at least one FROM");
    }
    return new DockerfileParser(path, lines, Map.copyOf(buildArgs), maxStages).parse();
  }

  private Dockerfile parse() {
    List<ParserDirective> directives = new ArrayList<>();
    List<Instruction> instructions = new ArrayList<>();
    boolean lookForDirectives = true;
    while (next < lines.size()) {
      int lineNo = next + 1;
      String raw = lines.get(next++);
      if (lookForDirectives) {
        ParserDirective d = directive(raw, lineNo, directives);
        if (d != null) {
          directives.add(d);
          continue;
        }
        lookForDirectives = false;
      }
      String first = stripLeading(raw);
      if (first.isEmpty() || first.startsWith("#")) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      LineMap.Builder map = new LineMap.Builder();
      int end = lineNo;
      boolean continues = append(text, map, first, lineNo);
      while (continues && next < lines.size()) {
        int ln = next + 1;
        String more = lines.get(next++);
        String trimmed = stripLeading(more);
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        end = ln;
        continues = append(text, map, more, ln);
      }
      instructions.add(instruction(text.toString(), map.build(), lineNo, end, true));
    }
    return assemble(directives, instructions);
  }

  private ParserDirective directive(String raw, int lineNo, List<ParserDirective> seen) {
    // "#", blanks, a name, blanks, "=", blanks, a value without its trailing blanks; read by hand,
    // since a pattern for it backtracks over long runs of blanks.
    if (!raw.startsWith("#")) {
      return null;
    }
    int i = skipBlanks(raw, 1);
    int start = i;
    while (i < raw.length() && (Character.isLetter(raw.charAt(i)) && raw.charAt(i) < 128
        || i > start && Character.isDigit(raw.charAt(i)) && raw.charAt(i) < 128)) {
      i++;
    }
    if (i == start) {
      return null;
    }
    String name = raw.substring(start, i).toLowerCase(Locale.ROOT);
    i = skipBlanks(raw, i);
    if (i >= raw.length() || raw.charAt(i) != '=' || !DIRECTIVES.contains(name)) {
      return null;
    }
    i = skipBlanks(raw, i + 1);
    int end = raw.length();
    while (end > i && blank(raw.charAt(end - 1))) {
      end--;
    }
    if (end == i) {
      return null;
    }
    String value = raw.substring(i, end);
    if (seen.stream().anyMatch(d -> d.name().equals(name))) {
      throw error(lineNo, "the '" + name + "' parser directive is given twice", "keep only one '# " + name + "=' line");
    }
    if (name.equals("escape")) {
      if (!value.equals("\\") && !value.equals("`")) {
        throw error(lineNo, "invalid escape character '" + value + "'", "write '# escape=\\' or '# escape=`'");
      }
      escape = value.charAt(0);
    }
    return new ParserDirective(name, value, lineNo);
  }

  /** Appends one physical line; returns whether it ends in the escape character (continues). */
  private boolean append(StringBuilder text, LineMap.Builder map, String line, int lineNo) {
    int end = line.length();
    while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
      end--;
    }
    boolean continues = end > 0 && line.charAt(end - 1) == escape;
    String part = continues ? line.substring(0, end - 1) : line;
    text.append(part);
    map.add(lineNo, part.length());
    return continues;
  }

  private Instruction instruction(String text, LineMap map, int line, int endLine, boolean topLevel) {
    int k = 0;
    while (k < text.length() && !blank(text.charAt(k))) {
      k++;
    }
    String word = text.substring(0, k);
    String kw = word.toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(kw)) {
      throw error(line, "unknown instruction '" + word + "'", "use one of " + String.join(", ", KEYWORDS)
          + "; if the line continues the one before, end that line with '" + escape + "'");
    }
    int p = skipBlanks(text, k);
    if (kw.equals("ONBUILD")) {
      String rest = text.substring(p);
      if (rest.isBlank()) {
        throw error(line, "ONBUILD has no instruction", "write ONBUILD <instruction>, e.g. ONBUILD COPY . /app");
      }
      // Checked before the trigger is read, so that ONBUILD ONBUILD ... is one error, not a deep recursion.
      String triggerWord = rest.substring(0, wordEnd(rest, 0)).toUpperCase(Locale.ROOT);
      if (List.of("ONBUILD", "FROM", "MAINTAINER").contains(triggerWord)) {
        throw error(line, "ONBUILD cannot register " + triggerWord, "remove this ONBUILD or register another instruction");
      }
      Instruction trigger = instruction(rest, map.slice(p, text.length()), line, endLine, false);
      if (List.of("ONBUILD", "FROM", "MAINTAINER").contains(trigger.keyword())) {
        throw error(line, "ONBUILD cannot register " + trigger.keyword(), "remove this ONBUILD or register another instruction");
      }
      return new Instruction(kw, List.of(), rest, map.slice(p, text.length()), false, List.of(), List.of(), trigger,
          line, endLine);
    }
    List<Flag> flags = new ArrayList<>();
    while (text.startsWith("--", p)) {
      int e = wordEnd(text, p);
      String flag = text.substring(p, e);
      p = skipBlanks(text, e);
      if (flag.equals("--")) {
        break;
      }
      flags.add(flag(kw, flag, line));
    }
    String args = stripTrailing(text.substring(p));
    LineMap argLines = map.slice(p, p + args.length());
    if (args.isEmpty()) {
      throw error(line, kw + " has no arguments", "complete the " + kw + " instruction or remove it");
    }
    boolean json = false;
    List<String> exec = List.of();
    if (JSON_FORMS.contains(kw) && args.startsWith("[")) {
      Optional<List<String>> array = jsonArray(args);
      if (array.isPresent()) {
        json = true;
        exec = array.get();
      } else if (kw.equals("SHELL") || meantAsJson(args)) {
        throw error(line, kw + " is not a valid JSON array: " + args,
            "write [\"executable\", \"arg\"] with double quotes and commas, or drop the brackets for the shell form");
      }
    }
    if (kw.equals("SHELL") && !json) {
      throw error(line, "SHELL needs the JSON form", "write SHELL [\"/bin/bash\", \"-c\"]");
    }
    List<Heredoc> heredocs = List.of();
    int end = endLine;
    if (topLevel && !json && HEREDOC_FORMS.contains(kw) && args.contains("<<")) {
      heredocs = heredocs(args, line);
      end = Math.max(endLine, next);
    }
    Instruction in = new Instruction(kw, flags, args, argLines, json, exec, heredocs, null, line, end);
    check(in);
    return in;
  }

  private Flag flag(String kw, String word, int line) {
    String body = word.substring(2);
    int eq = body.indexOf('=');
    String name = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
    String value = eq < 0 ? null : Instruction.unquote(body.substring(eq + 1));
    Set<String> allowed = FLAGS.getOrDefault(kw, Set.of());
    if (!allowed.contains(name)) {
      throw error(line, kw + " has no flag --" + name, allowed.isEmpty() ? kw + " takes no flags"
          : "flags of " + kw + ": --" + String.join(", --", new TreeSet<>(allowed)));
    }
    return new Flag(name, value);
  }

  private void check(Instruction in) {
    switch (in.keyword()) {
      case "RUN" -> {
        try {
          in.mounts();
        } catch (IllegalArgumentException e) {
          throw error(in.line(), "RUN --mount: " + e.getMessage(),
              "write the mount as BuildKit reads it, e.g. --mount=type=cache,target=/root/.m2");
        }
      }
      case "COPY", "ADD" -> {
        if (in.words().size() < 2) {
          throw error(in.line(), in.keyword() + " needs a source and a destination",
              "write " + in.keyword() + " <source>... <destination>");
        }
      }
      case "ENV", "ARG" -> {
        List<String> words = in.words();
        for (int k = 0; k < words.size(); k++) {
          String w = words.get(k);
          if (in.is("ENV") && k > 0 && !words.get(0).contains("=")) {
            break;
          }
          String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
          if (name.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            throw error(in.line(), in.keyword() + " name '" + printable(name) + "' holds control characters",
                "name the variable with letters, digits and '_'");
          }
        }
      }
      default -> { }
    }
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(40).forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
        : new String(Character.toChars(c))));
    return s.codePointCount(0, s.length()) > 40 ? b + "..." : b.toString();
  }

  /**
   * An exec form that went wrong: a bracket, a quoted first element, then a comma or the closing
   * bracket (read by hand: a pattern for it backtracks on long lines).
   */
  private static boolean meantAsJson(String args) {
    int i = 1;
    while (i < args.length() && Character.isWhitespace(args.charAt(i))) {
      i++;
    }
    if (i >= args.length() || (args.charAt(i) != '"' && args.charAt(i) != '\'')) {
      return false;
    }
    int close = args.indexOf(args.charAt(i), i + 1);
    if (close < 0) {
      return false;
    }
    int j = close + 1;
    while (j < args.length() && Character.isWhitespace(args.charAt(j))) {
      j++;
    }
    String rest = args.substring(j).strip();
    return rest.equals("]") || (rest.startsWith(",") && rest.endsWith("]"));
  }

  private List<Heredoc> heredocs(String args, int line) {
    List<Heredoc> docs = new ArrayList<>();
    for (Words.Word w : Words.split(args, '\\', true)) {
      Matcher m = HEREDOC.matcher(w.text());
      if (!m.matches()) {
        continue;
      }
      String raw = m.group(2);
      String name = raw.replace("\"", "").replace("'", "");
      if (name.isEmpty()) {
        continue;
      }
      boolean chomp = !m.group(1).isEmpty();
      int first = next + 1;
      StringBuilder content = new StringBuilder();
      boolean closed = false;
      while (next < lines.size()) {
        String l = lines.get(next++);
        String candidate = chomp ? l.replaceFirst("^\t+", "") : l;
        if (candidate.equals(name)) {
          closed = true;
          break;
        }
        content.append(candidate).append('\n');
      }
      if (!closed) {
        throw error(line, "the heredoc <<" + name + " is never closed", "end it with a line holding only " + name);
      }
      docs.add(new Heredoc(name, chomp, raw.equals(name), content.toString(), first));
    }
    return docs;
  }

  private Dockerfile assemble(List<ParserDirective> directives, List<Instruction> instructions) {
    Map<String, String> globals = new LinkedHashMap<>(Lineages.PLATFORM_ARGS);
    globals.putAll(buildArgs);
    List<Instruction> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Instruction from = null;
    List<Instruction> body = new ArrayList<>();
    for (Instruction in : instructions) {
      if (in.is("FROM")) {
        if (from != null) {
          stages.add(stage(stages, from, body, globals));
        }
        if (stages.size() >= maxStages) {
          throw new InputException(path, "line " + in.line(), "more than " + maxStages + " build stages (the limit)",
              "raise dockerfile.max_stages in deployguard.yml if the build really has that many");
        }
        from = in;
        body = new ArrayList<>();
      } else if (from == null) {
        if (!in.is("ARG")) {
          throw error(in.line(), in.keyword() + " comes before the first FROM",
              "start the build stage with FROM <image>; only ARG may come before FROM");
        }
        globalArgs.add(in);
        declare(in, globals);
      } else {
        body.add(in);
      }
    }
    if (from == null) {
      throw new InputException(path, "", "no FROM instruction", "a Dockerfile needs at least one FROM <image>");
    }
    stages.add(stage(stages, from, body, globals));
    Dockerfile d = new Dockerfile(path, stages, directives, globalArgs);
    checkReferences(d);
    return d;
  }

  private void declare(Instruction arg, Map<String, String> globals) {
    for (String w : Words.texts(arg.arguments(), escape)) {
      int eq = w.indexOf('=');
      String name = eq < 0 ? w : w.substring(0, eq);
      if (!ARG_NAME.matcher(name).matches()) {
        throw error(arg.line(), "'" + printable(name) + "' is not a build argument name", "write ARG NAME or ARG NAME=default");
      }
      if (buildArgs.containsKey(name)) {
        continue;
      }
      if (eq >= 0) {
        globals.put(name, expand(arg, w.substring(eq + 1), globals, new ArrayList<>()));
      } else if (!Lineages.PLATFORM_ARGS.containsKey(name)) {
        globals.put(name, null);
      }
    }
  }

  private String expand(Instruction in, String text, Map<String, String> values, List<String> unresolved) {
    try {
      return Variables.expand(text, values, escape, unresolved, budget);
    } catch (Variables.LimitException e) {
      throw error(in.line(), in.keyword() + ": " + e.getMessage(), "write the value out instead of building it from other variables");
    }
  }

  private Stage stage(List<Stage> earlier, Instruction from, List<Instruction> body, Map<String, String> globals) {
    List<String> w = Words.texts(from.arguments(), escape);
    if (!(w.size() == 1 || (w.size() == 3 && w.get(1).equalsIgnoreCase("AS")))) {
      throw error(from.line(), "FROM takes an image and an optional 'AS name', not '" + printable(from.arguments()) + "'",
          "write FROM <image>[:tag] [AS <name>]");
    }
    String name = null;
    if (w.size() == 3) {
      name = w.get(2).toLowerCase(Locale.ROOT);
      if (name.length() > ImageReference.MAX_NAME || !STAGE_NAME.matcher(name).matches()) {
        throw error(from.line(), "'" + printable(w.get(2)) + "' is not a valid stage name",
            "start it with a letter and use only letters, digits, '.', '_' and '-' (at most "
            + ImageReference.MAX_NAME + " characters)");
      }
      for (Stage s : earlier) {
        if (name.equals(s.name())) {
          throw error(from.line(), "the stage name '" + name + "' is also used at line " + s.line(), "give each stage its own name");
        }
      }
    }
    List<String> unresolved = new ArrayList<>();
    String expanded = expand(from, w.get(0), globals, unresolved);
    if (expanded.isBlank() && unresolved.isEmpty()) {
      throw error(from.line(), "FROM has an empty image", "write FROM <image>[:tag]");
    }
    Integer baseStage = null;
    ImageReference image = null;
    String base = unresolved.isEmpty() ? expanded : w.get(0);
    if (unresolved.isEmpty()) {
      baseStage = stageMatching(earlier, w.get(0), expanded, globals);
      if (baseStage == null) {
        try {
          image = ImageReference.parse(expanded);
        } catch (IllegalArgumentException e) {
          throw error(from.line(), "base image '" + printable(expanded) + "': " + e.getMessage(), "write FROM <image>[:tag][@digest]");
        }
      }
    }
    String platform = from.flag("platform").orElse(null);
    return new Stage(earlier.size(), name, base, image, baseStage, platform, body, from.line(), unresolved);
  }

  /**
   * The earlier stage a {@code FROM} names: the one named by its expansion, or, when it depends
   * on an automatic platform argument ({@code FROM binary-$TARGETOS}), the first one its
   * expansion for some platform could name. {@code null} when it names an image.
   */
  private Integer stageMatching(List<Stage> earlier, String written, String expanded, Map<String, String> globals) {
    String lower = expanded.toLowerCase(Locale.ROOT);
    for (Stage s : earlier) {
      if (lower.equals(s.name())) {
        return s.index();
      }
    }
    Map<String, String> wild = new LinkedHashMap<>(globals);
    boolean platformDependent = false;
    for (String a : Lineages.PLATFORM_ARGS.keySet()) {
      if (!buildArgs.containsKey(a) && written.contains(a)) {
        wild.put(a, "\0");
        platformDependent = true;
      }
    }
    if (!platformDependent) {
      return null;
    }
    String pattern = Variables.expand(written, wild, escape, new ArrayList<>()).toLowerCase(Locale.ROOT);
    for (Stage s : earlier) {
      if (s.name() != null && wildcardMatch(pattern, s.name())) {
        return s.index();
      }
    }
    return null;
  }

  /** Whether {@code text} matches {@code pattern}, in which NUL stands for any run of characters (linear). */
  private static boolean wildcardMatch(String pattern, String text) {
    String[] parts = pattern.split("\0", -1);
    if (parts.length == 1) {
      return pattern.equals(text);
    }
    if (!text.startsWith(parts[0])) {
      return false;
    }
    int at = parts[0].length();
    for (int i = 1; i < parts.length - 1; i++) {
      int found = text.indexOf(parts[i], at);
      if (found < 0) {
        return false;
      }
      at = found + parts[i].length();
    }
    String last = parts[parts.length - 1];
    return text.length() - at >= last.length() && text.endsWith(last);
  }

  /**
   * What BuildKit checks when it wires stages together: {@code COPY --from} and
   * {@code RUN --mount=from=} name an earlier stage or a valid image, never the stage itself or a
   * later one; a mount's target does not resolve to {@code /}.
   */
  private void checkReferences(Dockerfile d) {
    Map<Integer, String> workdirs = new LinkedHashMap<>();
    for (Stage s : d.stages()) {
      String workdir = s.baseStage() != null ? workdirs.get(s.baseStage())
          : s.image() != null && s.image().isScratch() ? "/" : null;
      for (Instruction in : s.instructions()) {
        if (in.is("WORKDIR")) {
          String w = in.words().isEmpty() ? "" : in.words().get(0);
          workdir = w.contains("$") ? null : w.startsWith("/") ? w
              : workdir == null ? null : (workdir.endsWith("/") ? workdir : workdir + "/") + w;
        } else if (in.is("COPY") && in.flag("from").isPresent()) {
          checkFrom(d, s, in, in.flag("from").get(), "copy from");
        } else if (in.is("RUN")) {
          for (Mount m : in.mounts()) {
            if (m.from() != null) {
              checkFrom(d, s, in, m.from(), "mount from");
            }
            String target = m.target() == null ? workdir : m.target().contains("$") ? null : m.target(workdir);
            if (target != null && !m.type().equals("secret") && !m.type().equals("ssh")
                && Mount.clean(target).equals("/")) {
              throw error(in.line(), "RUN --mount: the target of this " + m.type() + " mount resolves to '/'"
                  + (m.target() == null ? " (no target=, and the working directory is /)" : ""),
                  "give target= a directory other than /, or set WORKDIR first");
            }
          }
        }
      }
      workdirs.put(s.index(), workdir);
    }
  }

  private void checkFrom(Dockerfile d, Stage s, Instruction in, String from, String what) {
    if (from.contains("$") || from.isEmpty()) {
      return;
    }
    Optional<Stage> named = d.stage(from);
    if (named.isPresent() && named.get().index() >= s.index()) {
      throw error(in.line(), "cannot " + what + " stage '" + from + "': it needs to be defined before the current "
          + BuildInput.describe(s), "move that stage above this one, or name an earlier stage or an image");
    }
    if (named.isEmpty()) {
      try {
        ImageReference.parse(from);
      } catch (IllegalArgumentException e) {
        throw error(in.line(), in.keyword() + " --" + (in.is("RUN") ? "mount from=" : "from=") + printable(from)
            + " names no stage, and is no image: " + e.getMessage(), "name an earlier stage, or an image as repository[:tag][@digest]");
      }
    }
  }

  private static Optional<List<String>> jsonArray(String text) {
    try {
      List<Object> values = JSON.readValue(text, new TypeReference<List<Object>>() { });
      List<String> out = new ArrayList<>();
      for (Object v : values) {
        if (!(v instanceof String s)) {
          return Optional.empty();
        }
        out.add(s);
      }
      return Optional.of(out);
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private InputException error(int line, String problem, String hint) {
    return new InputException(path, "line " + line, problem, hint);
  }

  private static long utf8Length(String s) {
    long n = s.length();
    if (n > MAX_LINE_BYTES) {
      return n;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c < 0x80 ? 0 : c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
    }
    return n;
  }

  private static int lineOfByte(byte[] content, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < content.length; i++) {
      if (content[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int wordEnd(String text, int from) {
    char quote = 0;
    int i = from;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && blank(c)) {
        break;
      }
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    return i;
  }

  private static int skipBlanks(String s, int from) {
    int i = from;
    while (i < s.length() && blank(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean blank(char c) {
    return c == ' ' || c == '\t';
  }

  private static String stripLeading(String s) {
    return s.substring(skipBlanks(s, 0));
  }

  private static String stripTrailing(String s) {
    int e = s.length();
    while (e > 0 && Character.isWhitespace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(0, e);
  }
}
