package io.deployguard.jenkins.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The command line a step launches on the agent. On a Unix agent that is {@code bin/deployguard}
 * of the deployguard repository ({@link #LAUNCHER}, staged beside the jar), the launcher every other
 * way of running deployguard uses: it starts java for a short run and records a class-data archive
 * on the first run that later runs map. Elsewhere (Windows) it is {@code java -jar} with the
 * launcher's flags: which {@code java}, the client compiler, the parallel collector, whose pauses
 * use every core, and the JDK's class-data archive. Both give UTF-8 output for the build log, then
 * any {@code DEPLOYGUARD_JAVA_OPTS} of the step's environment, which come last and so win; a
 * collector chosen there replaces deployguard's, as the JVM refuses two.
 */
public final class JavaCommand {
  /** The collector of {@link #JVM_FLAGS}, left out when DEPLOYGUARD_JAVA_OPTS chooses one. */
  static final String COLLECTOR = "-XX:+UseParallelGC";

  /** UTF-8 output for the build log, whatever the agent's locale. */
  static final List<String> UTF8 = List.of("-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

  /** The flags every launch gets, as bin/deployguard gives them. */
  public static final List<String> JVM_FLAGS = Stream.concat(
      Stream.of("-XX:TieredStopAtLevel=1", COLLECTOR, "-Xshare:auto"), UTF8.stream()).toList();

  /** How to give the agent a {@code java}: the end of every message about a missing one. */
  public static final String JAVA_FIX = "install a Java 17+ runtime there, or use a jdk tool (tools { jdk '...' })"
      + " so JAVA_HOME points at one";

  /** What a step says when no {@code java} could be started. */
  public static final String MISSING_JAVA = "no java could be started on the agent; " + JAVA_FIX;

  /** The file name {@link #LAUNCHER} is staged under, beside the jar. */
  public static final String LAUNCHER_NAME = "deployguard";

  /** {@code bin/deployguard} of the deployguard repository, as the build copied it into this jar. */
  public static final String LAUNCHER = launcherText();

  /**
   * What a step starts: the command, and the variables it sets in the step's environment for it (an
   * empty value removes the variable, as Jenkins applies them).
   */
  public record Launch(List<String> command, Map<String, String> env) {}

  private JavaCommand() {}

  private static String launcherText() {
    try (InputStream in = JavaCommand.class.getResourceAsStream(LAUNCHER_NAME)) {
      if (in == null) {
        throw new IllegalStateException("the build left bin/deployguard out of this jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The launch of {@code cliArgs} on the agent: through the launcher at {@code launcherPath} (a copy
   * of {@link #LAUNCHER} beside the jar) with {@code sh}, or, when {@code launcherPath} is null (a
   * Windows agent, or one where the launcher could not be staged), {@link #command}. The launcher is
   * given the jar, the UTF-8 flags before {@code DEPLOYGUARD_JAVA_OPTS}, and, unless the step's
   * environment names one, the launcher's folder as its cache, which {@code docker.image(...).inside}
   * mounts as it mounts the jar's; the agent's {@code JAVA_OPTS} are the agent's own, not the step's.
   * Its java is the one {@link #java} names: {@code JAVA_HOME}'s, else the PATH's.
   *
   * @throws StepInputException when {@code DEPLOYGUARD_JAVA_OPTS} holds something that is not a JVM option
   */
  public static Launch launch(String java, Map<String, String> env, String jar, String launcherPath, List<String> cliArgs) {
    if (launcherPath == null) {
      return new Launch(command(java, env, jar, cliArgs), Map.of());
    }
    List<String> own = userOptions(env);
    List<String> command = new ArrayList<>();
    command.add("sh");
    command.add(launcherPath);
    command.addAll(cliArgs);
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("DEPLOYGUARD_JAR", jar);
    List<String> opts = new ArrayList<>(UTF8);
    opts.addAll(own);
    vars.put("DEPLOYGUARD_JAVA_OPTS", String.join(" ", opts));
    vars.put("JAVA_OPTS", "");
    String cache = env.getOrDefault("DEPLOYGUARD_CACHE_DIR", "");
    int slash = launcherPath.lastIndexOf('/');
    if (cache.isBlank() && slash > 0) {
      vars.put("DEPLOYGUARD_CACHE_DIR", launcherPath.substring(0, slash));
    }
    return new Launch(List.copyOf(command), Collections.unmodifiableMap(vars));
  }

  /**
   * {@code JAVA_HOME/bin/java} when the step's environment sets {@code JAVA_HOME} (a {@code jdk}
   * tool, {@code withEnv}), else {@code java} from the agent's PATH.
   */
  public static String java(Map<String, String> env, boolean unix) {
    String home = env.get("JAVA_HOME");
    if (home == null || home.isBlank()) {
      return unix ? "java" : "java.exe";
    }
    String separator = unix ? "/" : "\\";
    String trimmed = home.endsWith(separator) ? home.substring(0, home.length() - 1) : home;
    return trimmed + separator + "bin" + separator + (unix ? "java" : "java.exe");
  }

  /**
   * {@code java FLAGS [DEPLOYGUARD_JAVA_OPTS] -jar JAR ARGS}.
   *
   * @throws StepInputException when {@code DEPLOYGUARD_JAVA_OPTS} holds something that is not a JVM option
   */
  public static List<String> command(String java, Map<String, String> env, String jar, List<String> cliArgs) {
    List<String> command = new ArrayList<>();
    command.add(java);
    List<String> own = userOptions(env);
    boolean collector = false;
    for (String opt : own) {
      collector |= opt.startsWith("-XX:+Use") && opt.endsWith("GC");
    }
    for (String flag : JVM_FLAGS) {
      if (!(collector && flag.equals(COLLECTOR))) {
        command.add(flag);
      }
    }
    command.addAll(own);
    command.add("-jar");
    command.add(jar);
    command.addAll(cliArgs);
    return List.copyOf(command);
  }

  /**
   * The words of {@code DEPLOYGUARD_JAVA_OPTS}, split on blanks as the launcher splits them.
   *
   * @throws StepInputException when one is not a JVM option
   */
  private static List<String> userOptions(Map<String, String> env) {
    String opts = env.getOrDefault("DEPLOYGUARD_JAVA_OPTS", "").trim();
    List<String> own = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    for (String opt : own) {
      if (!opt.startsWith("-")) {
        // java would take it for the main class and exit 1, which reads as "findings".
        throw new StepInputException("DEPLOYGUARD_JAVA_OPTS: '" + opt + "' is not a JVM option (those start with -)");
      }
    }
    return own;
  }
}
