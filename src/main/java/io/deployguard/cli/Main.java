package io.deployguard.cli;

import io.deployguard.app.Postdeploy;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.InputException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the jar: runs the command line and exits with its code. Every error reaches
 * the user as one line on standard error starting with {@code deployguard:}, never as a stack
 * trace.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line in-process (tests call this); returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, Postdeploy.standard());
  }

  /** Runs the command line with {@code postdeploy} as the post-deploy facade (tests wire their own). */
  static int run(String[] args, PrintWriter out, PrintWriter err, Postdeploy postdeploy) {
    String command = args.length > 0 && DeployguardCommand.COMMANDS.containsKey(args[0]) ? args[0] : null;
    if (command == null && args.length > 0 && !args[0].startsWith("-")) {
      err.println("deployguard: unknown command '" + args[0] + "'; commands: "
          + String.join(", ", DeployguardCommand.COMMANDS.keySet()) + " (see 'deployguard --help')");
      err.flush();
      return ExitCode.USAGE.code();
    }
    return wired(out, err, postdeploy, command).execute(args);
  }

  /**
   * The configured command line. {@code extraSubcommands} are registered before the handlers
   * and writers are set, so that they behave like the built-in ones (tests add commands here).
   */
  static CommandLine commandLine(PrintWriter out, PrintWriter err, Object... extraSubcommands) {
    return wired(out, err, Postdeploy.standard(), null, extraSubcommands);
  }

  /**
   * @param only the one subcommand to register, or {@code null} for all (help, errors, tests)
   */
  private static CommandLine wired(PrintWriter out, PrintWriter err, Postdeploy postdeploy, String only,
      Object... extraSubcommands) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        K made = CommandLine.defaultFactory().create(cls);
        if (made instanceof LiveCheckCommand live) {
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
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigException) {
        cmd.getErr().println("deployguard: " + oneLine(ex.getMessage()));
        return ExitCode.USAGE.code();
      }
      if (ex instanceof InputException) {
        cmd.getErr().println("deployguard: " + oneLine(ex.getMessage()));
        return ExitCode.INPUT_ERROR.code();
      }
      // Not a pass: whatever broke, the run did not check what it was asked to.
      cmd.getErr().println("deployguard: internal error: " + oneLine(String.valueOf(ex))
          + " (please report this with the command that caused it)");
      return ExitCode.INPUT_ERROR.code();
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("deployguard: " + oneLine(ex.getMessage()) + " (see '"
          + c.getCommandSpec().qualifiedName() + " --help')");
      return ExitCode.USAGE.code();
    });
    return cl;
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
