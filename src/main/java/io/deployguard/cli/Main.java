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
    return cl.execute(args);
  }
}
