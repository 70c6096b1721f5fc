package io.deployguard.docker.dockerfile;

import io.deployguard.policy.InputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Facts about a stage that come from the stages it builds on: order of work, environment, user. */
final class Lineages {
  private Lineages() {}

  /**
   * The values BuildKit gives its automatic platform arguments, for the platform deployguard judges
   * a build for (linux/amd64, what EKS nodes run); {@code dockerfile.build_args} overrides them.
   */
  static final Map<String, String> PLATFORM_ARGS = Map.of(
      "TARGETPLATFORM", "linux/amd64", "TARGETOS", "linux", "TARGETARCH", "amd64", "TARGETVARIANT", "",
      "BUILDPLATFORM", "linux/amd64", "BUILDOS", "linux", "BUILDARCH", "amd64", "BUILDVARIANT", "");

  /** The stages of the lineage from the root down to {@code stage}: the order they are built in. */
  static List<Stage> buildOrder(Dockerfile d, Stage stage) {
    List<Stage> l = new ArrayList<>(d.lineage(stage));
    Collections.reverse(l);
    return l;
  }

  /** Every {@code RUN} of the lineage in build order. */
  static List<Instruction> runs(Dockerfile d, Stage stage) {
    List<Instruction> out = new ArrayList<>();
    for (Stage s : buildOrder(d, stage)) {
      out.addAll(s.all("RUN"));
    }
    return out;
  }

  /**
   * A point in a stage's lineage: the variables ({@code ENV}, {@code ARG}), user and working
   * directory in effect.
   *
   * @param workdir the working directory, or {@code null} when the base image decides it
   */
  record State(Map<String, String> env, String user, Instruction userLine, String workdir) {
    /** The home directory of the user, as the package managers find it. */
    String home() {
      if (user == null || isRoot(user)) {
        return "/root";
      }
      String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
      return "/home/" + u;
    }
  }

  /** Sees every instruction of a lineage with the state just before it. */
  interface Visitor {
    void visit(Stage stage, Instruction in, State before);
  }

  /** The state in effect just before {@code at} in {@code stage} (after the whole stage when {@code at} is null). */
  static State stateBefore(Dockerfile d, Stage stage, Instruction at, Map<String, String> buildArgs) {
    State[] found = new State[1];
    State end = walk(d, stage, buildArgs, (s, in, before) -> {
      if (in == at && found[0] == null) {
        found[0] = copy(before);
      }
    });
    return found[0] != null ? found[0] : end;
  }

  /**
   * Walks the lineage of {@code stage} in build order, once, showing each instruction the state
   * before it (a view that changes as the walk goes on: copy what must be kept); returns the state
   * after the last instruction.
   *
   * @throws InputException when expanding the variables exceeds {@link Variables}' limits
   */
  static State walk(Dockerfile d, Stage stage, Map<String, String> buildArgs, Visitor visitor) {
    char escape = d.escape();
    Variables.Budget budget = Variables.Budget.standard();
    Map<String, String> globals = new LinkedHashMap<>(PLATFORM_ARGS);
    for (Instruction a : d.globalArgs()) {
      arg(d, a, escape, globals, globals, buildArgs, budget);
    }
    Map<String, String> env = new LinkedHashMap<>();
    String user = null;
    Instruction userLine = null;
    List<Stage> order = buildOrder(d, stage);
    ImageReference rootImage = order.get(0).image();
    String workdir = rootImage != null && rootImage.isScratch() ? "/" : null;
    for (Stage s : order) {
      for (Instruction in : s.instructions()) {
        visitor.visit(s, in, new State(Collections.unmodifiableMap(env), user, userLine, workdir));
        if (in.is("ENV")) {
          env(d, in, escape, env, budget);
        } else if (in.is("ARG")) {
          arg(d, in, escape, env, globals, buildArgs, budget);
        } else if (in.is("USER")) {
          user = expand(d, in, in.words().isEmpty() ? "" : in.words().get(0), env, escape, budget);
          userLine = in;
        } else if (in.is("WORKDIR")) {
          String w = expand(d, in, in.words().isEmpty() ? "" : in.words().get(0), env, escape, budget);
          workdir = w.startsWith("/") ? w : workdir == null ? null : (workdir.endsWith("/") ? workdir : workdir + "/") + w;
        }
      }
    }
    return new State(new LinkedHashMap<>(env), user, userLine, workdir);
  }

  private static State copy(State s) {
    return new State(new LinkedHashMap<>(s.env()), s.user(), s.userLine(), s.workdir());
  }

  static boolean isRoot(String user) {
    String u = (user.contains(":") ? user.substring(0, user.indexOf(':')) : user).trim().toLowerCase(Locale.ROOT);
    return u.equals("root") || u.equals("0");
  }

  private static String expand(Dockerfile d, Instruction in, String text, Map<String, String> values, char escape,
      Variables.Budget budget) {
    try {
      return Variables.expand(text, values, escape, new ArrayList<>(), budget);
    } catch (Variables.LimitException e) {
      throw new InputException(d.path(), "line " + in.line(), in.keyword() + ": " + e.getMessage(),
          "write the value out instead of building it from other variables");
    }
  }

  private static void arg(Dockerfile d, Instruction in, char escape, Map<String, String> into,
      Map<String, String> globals, Map<String, String> buildArgs, Variables.Budget budget) {
    for (String w : Words.texts(in.arguments(), escape)) {
      int eq = w.indexOf('=');
      String name = eq < 0 ? w : w.substring(0, eq);
      String value = buildArgs.containsKey(name) ? buildArgs.get(name)
          : eq >= 0 ? expand(d, in, w.substring(eq + 1), into, escape, budget) : globals.get(name);
      if (value != null) {
        into.put(name, value);
      }
    }
  }

  private static void env(Dockerfile d, Instruction in, char escape, Map<String, String> env, Variables.Budget budget) {
    List<Words.Word> words = Words.split(in.arguments(), escape, false);
    if (words.isEmpty()) {
      return;
    }
    if (!words.get(0).text().contains("=")) {
      // Legacy form: ENV NAME value with blanks; the value is the raw text after the name's word.
      String raw = in.arguments();
      int end = Words.split(raw, escape, true).get(0).text().length() + words.get(0).offset();
      String rest = raw.substring(Math.min(end, raw.length())).strip();
      env.put(words.get(0).text(), expand(d, in, Words.texts(rest, escape).isEmpty() ? "" : String.join(" ",
          Words.texts(rest, escape)), env, escape, budget));
      return;
    }
    for (Words.Word word : words) {
      String w = word.text();
      int eq = w.indexOf('=');
      if (eq > 0) {
        env.put(w.substring(0, eq), expand(d, in, w.substring(eq + 1), env, escape, budget));
      }
    }
  }
}
