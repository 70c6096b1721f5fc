package io.deployguard.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Entry point of the jar: runs the command line and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line in-process (tests call this); returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new DeployguardCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof io.deployguard.policy.ConfigException) {
        cmd.getErr().println("deployguard: " + ex.getMessage());
        return ExitCode.USAGE.code();
      }
      if (ex instanceof io.deployguard.policy.InputException ie) {
        cmd.getErr().println("deployguard: " + ie.getMessage());
        return ExitCode.INPUT_ERROR.code();
      }
      cmd.getErr().println("deployguard: internal error: " + ex + " (please report this with the command that caused it)");
      return ExitCode.INPUT_ERROR.code();
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("deployguard: " + ex.getMessage() + " (see '"
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      return ExitCode.USAGE.code();
    });
    return cl.execute(args);
  }
}
