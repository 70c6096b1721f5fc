package io.deployguard.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the plain command lines of {@code plan}, {@code dockerfile} and {@code image} without
 * picocli. Building picocli's model of a command, and the first reading of annotations that it
 * needs, take a cold JVM longer than checking the bundled example does; a pre-commit hook or a
 * pipeline pays that on every run.
 *
 * <p>Only what picocli reads the same way is read here: the command's option names spelled out,
 * each value in the next argument or after {@code =}, a single-valued option or a flag at most
 * once, and operands. Anything else gives {@code null} and picocli reads the whole line, with its
 * own help and messages. That covers help and version, an unknown, clustered or repeated option,
 * {@code --}, an argument file ({@code @...}), and a value that is empty, starts with {@code -} or
 * {@code @}, or does not convert. {@code QuickLineTest} holds the two readings equal for every
 * option of the three commands, so an option added to a command and not here fails that test.
 */
final class QuickLine {
  private QuickLine() {}

  /** The command {@code name} with {@code args} read into it, or {@code null} for picocli to read. */
  static ScanCommand parse(String name, String[] args) {
    ScanCommand c = switch (name) {
      case "plan" -> {
        PlanCommand p = new PlanCommand();
        p.logIngestion = new LogIngestionOption();
        p.plans = new ArrayList<>();
        yield p;
      }
      case "dockerfile" -> new DockerfileCommand();
      case "image" -> {
        ImageCommand i = new ImageCommand();
        i.docker = new DockerHostOption();
        i.progress = "auto";
        i.sources = new ArrayList<>();
        yield i;
      }
      default -> null;
    };
    if (c == null) {
      return null;
    }
    c.report = new ReportOptions();
    c.report.format = "text";
    c.selection = new SelectionOptions();
    try {
      return read(c, args) ? c : null;
    } catch (RuntimeException e) {
      // A value that does not convert (a path with a NUL, a number that is none): picocli says so.
      return null;
    }
  }

  private static boolean read(ScanCommand c, String[] args) {
    Set<String> seen = new HashSet<>();
    boolean operands = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.isEmpty() || a.startsWith("@")) {
        return false;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        operand(c, a);
        operands = true;
        continue;
      }
      int eq = a.startsWith("--") ? a.indexOf('=') : -1;
      String key = key(c, eq < 0 ? a : a.substring(0, eq));
      if (key == null || (!repeatable(key) && !seen.add(key))) {
        return false;
      }
      if (flag(key)) {
        if (eq >= 0) {
          return false;
        }
        set(c, key, null);
        continue;
      }
      String value = eq >= 0 ? a.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
      if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")) {
        return false;
      }
      set(c, key, value);
    }
    return operands;
  }

  /** The longest name of the option {@code name} of {@code c}, or {@code null} when it has none such. */
  private static String key(ScanCommand c, String name) {
    switch (name) {
      case "-c", "--config":
        return "--config";
      case "-f", "--format":
        return "--format";
      case "-o", "--output":
        return "--output";
      case "--fail-on", "--soft-fail", "--baseline", "--write-baseline", "--no-color", "--rule", "--skip-rule",
          "--source-root":
        return name;
      default:
        break;
    }
    boolean own = c instanceof PlanCommand ? name.equals("--terraform") || name.equals("--log-ingestion-estimate")
        : c instanceof DockerfileCommand ? name.equals("--context") || name.equals("--target")
        : name.equals("--docker-host") || name.equals("--progress");
    return own ? name : null;
  }

  private static boolean flag(String key) {
    return key.equals("--soft-fail") || key.equals("--no-color");
  }

  private static boolean repeatable(String key) {
    return key.equals("--output") || key.equals("--rule") || key.equals("--skip-rule");
  }

  private static void set(ScanCommand c, String key, String v) {
    ReportOptions r = c.report;
    switch (key) {
      case "--config" -> r.config = Path.of(v);
      case "--format" -> {
        r.format = v;
        c.formatGiven = true;
      }
      case "--output" -> r.outputs.add(v);
      case "--fail-on" -> r.failOn = v;
      case "--soft-fail" -> r.softFail = true;
      case "--baseline" -> r.baseline = Path.of(v);
      case "--write-baseline" -> r.writeBaseline = Path.of(v);
      case "--no-color" -> r.noColor = true;
      case "--rule" -> c.selection.only.add(v);
      case "--skip-rule" -> c.selection.skip.add(v);
      case "--source-root" -> c.selection.sourceRoot = Path.of(v);
      case "--terraform" -> ((PlanCommand) c).terraform = Path.of(v);
      case "--log-ingestion-estimate" -> ((PlanCommand) c).logIngestion.gbPerDay = Double.valueOf(v);
      case "--context" -> ((DockerfileCommand) c).context = Path.of(v);
      case "--target" -> ((DockerfileCommand) c).target = v;
      case "--docker-host" -> ((ImageCommand) c).docker.dockerHost = v;
      case "--progress" -> ((ImageCommand) c).progress = v;
      default -> throw new IllegalStateException("no setter for " + key);
    }
  }

  private static void operand(ScanCommand c, String v) {
    if (c instanceof PlanCommand p) {
      p.plans.add(Path.of(v));
    } else if (c instanceof DockerfileCommand d) {
      d.paths.add(Path.of(v));
    } else {
      ((ImageCommand) c).sources.add(v);
    }
  }
}
