package io.deployguard.cli;

import io.deployguard.app.ExitStatus;
import io.deployguard.app.Postdeploy;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.InputException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/**
 * Entry point of the jar: runs the command line and exits with its code. Every error reaches
 * the user as one line on standard error starting with {@code deployguard:}, never as a stack
 * trace unless {@code --debug} (anywhere before {@code --}) asks for the trace of an internal error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line in-process (tests call this); returns the exit code. The live commands
   * build the standard post-deploy wiring themselves, so a run of another command never does.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, null);
  }

  /**
   * Runs the command line with {@code postdeploy} as the post-deploy wiring (tests wire their own),
   * or the standard one when {@code null}.
   */
  static int run(String[] args, PrintWriter out, PrintWriter err, Postdeploy postdeploy) {
    boolean debug = false;
    List<String> kept = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      if ("--".equals(args[i])) {
        kept.addAll(List.of(args).subList(i, args.length));
        break;
      }
      if ("--debug".equals(args[i])) {
        debug = true;
      } else {
        kept.add(args[i]);
      }
    }
    String[] rest = kept.toArray(new String[0]);
    String command = rest.length > 0 && DeployguardCommand.COMMANDS.containsKey(rest[0]) ? rest[0] : null;
    if (command == null && rest.length > 0 && !rest[0].startsWith("-")) {
      err.println("deployguard: unknown command '" + rest[0] + "'; commands: "
          + String.join(", ", DeployguardCommand.COMMANDS.keySet()) + " (see 'deployguard --help')");
      err.flush();
      return ExitStatus.USAGE.code();
    }
    int code;
    try {
      ScanCommand quick = command == null ? null : QuickLine.parse(command, Arrays.copyOfRange(rest, 1, rest.length));
      if (quick == null) {
        code = wired(out, err, postdeploy, command, debug).execute(rest);
      } else {
        try {
          code = quick.call(command, out, err);
        } catch (Exception e) {
          code = failed(e, err, debug);
        }
        err.flush();
      }
    } catch (Throwable t) {
      // Errors (a missing class, a stack overflow) are not handed to picocli's handler.
      code = internalError(t, err, debug);
    }
    out.flush();
    if (out.checkError()) {
      err.println("deployguard: cannot write to standard output (a closed pipe or a full disk?);"
          + " the report is incomplete (write it to a file with --output FORMAT=PATH)");
      err.flush();
      return Math.max(code, ExitStatus.USAGE.code());
    }
    return code;
  }

  /**
   * Exit 4: a bug, not the user's input. One line names the failure and the first frame of
   * deployguard's own code where it happened; {@code --debug} adds the stack trace.
   */
  static int internalError(Throwable t, PrintWriter err, boolean debug) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String where = "";
    for (StackTraceElement e : root.getStackTrace()) {
      if (e.getClassName().startsWith("io.deployguard.")) {
        where = " at " + e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")";
        break;
      }
    }
    String message = root.getMessage() == null ? "" : ": " + oneLine(root.getMessage());
    if (message.length() > 300) {
      message = message.substring(0, 300) + "...";
    }
    err.println("deployguard: internal error: " + root.getClass().getName() + message + where
        + "; this is a bug in deployguard, please report it with the command and input that caused it"
        + (debug ? "" : " (run again with --debug for the stack trace)"));
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
    return ExitStatus.INTERNAL.code();
  }

  /**
   * The configured command line. {@code extraSubcommands} are registered before the handlers
   * and writers are set, so that they behave like the built-in ones (tests add commands here).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Object... extraSubcommands) {
    return wired(out, err, null, null, false, extraSubcommands);
  }

  /**
   * @param postdeploy the live commands' wiring, or {@code null} for the one they build themselves
   * @param only the one subcommand to register, or {@code null} for all (help, errors, tests)
   */
  private static CommandLine wired(PrintWriter out, PrintWriter err, Postdeploy postdeploy, String only,
      boolean debug, Object... extraSubcommands) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (postdeploy != null && made instanceof LiveCheckCommand live) {
          live.postdeploy = postdeploy;
        }
        return made;
      }
    };
    CommandLine cl = new CommandLine(new DeployguardCommand(), factory);
    DeployguardCommand.COMMANDS.forEach((name, cls) -> {
      if (only == null || only.equals(name)) {
        cl.addSubcommand(name, new CommandLine(cls, factory));
      }
    });
    for (Object sub : extraSubcommands) {
      cl.addSubcommand(sub);
    }
    cl.setColorScheme(CommandLine.Help.defaultColorScheme(
        Terminal.color(false) ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> failed(ex, cmd.getErr(), debug));
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("deployguard: " + oneLine(ex.getMessage()) + " (see '"
          + c.getCommandSpec().qualifiedName() + " --help')");
      return ExitStatus.USAGE.code();
    });
    return cl;
  }

  /** The exit code of a command that failed with {@code ex}, which is told on {@code err}. */
  private static int failed(Exception ex, PrintWriter err, boolean debug) {
    if (ex instanceof ConfigException) {
      err.println("deployguard: " + oneLine(ex.getMessage()));
      return ExitStatus.USAGE.code();
    }
    if (ex instanceof InputException) {
      err.println("deployguard: " + oneLine(ex.getMessage()));
      return ExitStatus.INPUT_ERROR.code();
    }
    // Not a pass, and not the input's fault: whatever broke, the run did not check what it was asked to.
    return internalError(ex, err, debug);
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
