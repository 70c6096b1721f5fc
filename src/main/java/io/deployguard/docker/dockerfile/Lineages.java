package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Facts about a stage that come from the stages it builds on: order of work, environment, user. */
final class Lineages {
  private Lineages() {}

  /** The stages of the lineage from the root down to {@code stage}: the order they are built in. */
  static List<Stage> buildOrder(Dockerfile d, Stage stage) {
    List<Stage> l = new ArrayList<>(d.lineage(stage));
    java.util.Collections.reverse(l);
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

  /** A point in a stage's lineage: the variables ({@code ENV}, {@code ARG}) and user in effect. */
  record State(Map<String, String> env, String user, Instruction userLine) {
    /** The home directory of the user, as the package managers find it. */
    String home() {
      if (user == null || isRoot(user)) {
        return "/root";
      }
      String u = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
      return "/home/" + u;
    }
  }

  /** The state in effect just before {@code at} in {@code stage} (after the whole stage when {@code at} is null). */
  static State stateBefore(Dockerfile d, Stage stage, Instruction at, Map<String, String> buildArgs) {
    char escape = d.escape();
    Map<String, String> globals = new LinkedHashMap<>();
    for (Instruction a : d.globalArgs()) {
      arg(a, escape, globals, globals, buildArgs);
    }
    Map<String, String> env = new LinkedHashMap<>();
    String user = null;
    Instruction userLine = null;
    for (Stage s : buildOrder(d, stage)) {
      for (Instruction in : s.instructions()) {
        if (in == at) {
          return new State(env, user, userLine);
        }
        if (in.is("ENV")) {
          env(in, escape, env);
        } else if (in.is("ARG")) {
          arg(in, escape, env, globals, buildArgs);
        } else if (in.is("USER")) {
          user = Variables.expand(in.words().isEmpty() ? "" : in.words().get(0), env, escape, new ArrayList<>());
          userLine = in;
        }
      }
    }
    return new State(env, user, userLine);
  }

  static boolean isRoot(String user) {
    String u = (user.contains(":") ? user.substring(0, user.indexOf(':')) : user).trim().toLowerCase(Locale.ROOT);
    return u.equals("root") || u.equals("0");
  }

  private static void arg(Instruction in, char escape, Map<String, String> into, Map<String, String> globals,
      Map<String, String> buildArgs) {
    for (String w : Words.texts(in.arguments(), escape)) {
      int eq = w.indexOf('=');
      String name = eq < 0 ? w : w.substring(0, eq);
      String value = buildArgs.containsKey(name) ? buildArgs.get(name)
          : eq >= 0 ? Variables.expand(w.substring(eq + 1), into, escape, new ArrayList<>()) : globals.get(name);
      if (value != null) {
        into.put(name, value);
      }
    }
  }

  private static void env(Instruction in, char escape, Map<String, String> env) {
    List<String> words = Words.texts(in.arguments(), escape);
    if (!words.isEmpty() && !words.get(0).contains("=")) {
      // Legacy form: ENV NAME value with blanks
      String rest = in.arguments().trim().substring(words.get(0).length()).trim();
      env.put(words.get(0), Variables.expand(rest, env, escape, new ArrayList<>()));
      return;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq > 0) {
        env.put(w.substring(0, eq), Variables.expand(w.substring(eq + 1), env, escape, new ArrayList<>()));
      }
    }
  }
}
