package io.deployguard.docker.dockerfile;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One simple command a {@code RUN} executes, after wrappers are looked through ({@code sudo},
 * {@code env X=1}, {@code nice}, {@code sh -c '...'}, {@code python -m pip}).
 *
 * @param program the command word as written ({@code ./mvnw}, {@code /usr/bin/gcc}, {@code pip})
 * @param args its arguments, quotes removed; redirections are not arguments
 * @param assignments variables set for it ({@code PIP_NO_CACHE_DIR=1 pip install ...})
 * @param line the line its command word is on
 */
public record ShellCommand(String program, List<String> args, Map<String, String> assignments, int line) {

  public ShellCommand {
    Objects.requireNonNull(program, "program");
    args = List.copyOf(args);
    assignments = Map.copyOf(assignments);
  }

  /** The command word without its directory: {@code mvnw} for {@code ./mvnw}. */
  public String name() {
    return program.substring(program.lastIndexOf('/') + 1);
  }

  /** The first argument that is not an option ({@code install} for {@code npm --silent install}). */
  public String subcommand() {
    return args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
  }

  /** Whether an argument equals {@code arg} or, for {@code --name=value} options, starts with it and '='. */
  public boolean has(String arg) {
    return args.stream().anyMatch(a -> a.equals(arg) || a.startsWith(arg + "="));
  }

  /** The command as one line for messages: {@code mvn -B package}. */
  public String display() {
    StringBuilder sb = new StringBuilder(program);
    for (String a : args) {
      sb.append(' ').append(a.contains(" ") ? "'" + a + "'" : a);
    }
    String s = sb.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
