package io.deployguard.jenkins.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code java -jar} command line a step launches on the agent: which {@code java}, the
 * start-up flags (a short-lived command line: the client compiler, the parallel collector, whose
 * pauses use every core, and the JDK's class-data archive), UTF-8 output for the build log, then any
 * {@code DEPLOYGUARD_JAVA_OPTS} of the step's environment, which come last and so win; a collector
 * chosen there replaces deployguard's, as the JVM refuses two.
 */
public final class JavaCommand {
  /** The collector of {@link #JVM_FLAGS}, left out when DEPLOYGUARD_JAVA_OPTS chooses one. */
  static final String COLLECTOR = "-XX:+UseParallelGC";

  /** The flags every launch gets, as bin/deployguard gives them. */
  public static final List<String> JVM_FLAGS = List.of(
      "-XX:TieredStopAtLevel=1", COLLECTOR, "-Xshare:auto",
      "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8");

  /** How to give the agent a {@code java}: the end of every message about a missing one. */
  public static final String JAVA_FIX = "install a Java 17+ runtime there, or use a jdk tool (tools { jdk '...' })"
      + " so JAVA_HOME points at one";

  /** What a step says when no {@code java} could be started. */
  public static final String MISSING_JAVA = "no java could be started on the agent; " + JAVA_FIX;

  private JavaCommand() {}

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
    String opts = env.getOrDefault("DEPLOYGUARD_JAVA_OPTS", "").trim();
    String[] own = opts.isEmpty() ? new String[0] : opts.split("\\s+");
    boolean collector = false;
    for (String opt : own) {
      collector |= opt.startsWith("-XX:+Use") && opt.endsWith("GC");
    }
    for (String flag : JVM_FLAGS) {
      if (!(collector && flag.equals(COLLECTOR))) {
        command.add(flag);
      }
    }
    for (String opt : own) {
      if (!opt.startsWith("-")) {
        // java would take it for the main class and exit 1, which reads as "findings".
        throw new StepInputException("DEPLOYGUARD_JAVA_OPTS: '" + opt + "' is not a JVM option (those start with -)");
      }
      command.add(opt);
    }
    command.add("-jar");
    command.add(jar);
    command.addAll(cliArgs);
    return List.copyOf(command);
  }
}
