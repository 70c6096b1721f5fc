package io.deployguard.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Whether standard output is a colour terminal. Colour is for people at a terminal only: never
 * under {@code NO_COLOR} (https://no-color.org), {@code TERM=dumb}, {@code --no-color}, or when
 * the output is piped or redirected (a CI log, a file, another program).
 */
final class Terminal {
  private Terminal() {}

  /** The decision for this process. */
  static boolean color(boolean noColorOption) {
    return color(noColorOption, System.getenv(), isTerminal());
  }

  static boolean color(boolean noColorOption, Map<String, String> env, boolean terminal) {
    String noColor = env.get("NO_COLOR");
    return terminal && !noColorOption && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
  }

  /**
   * Java 17 has a console only when standard input and output are a terminal; from Java 22 a
   * console always exists and {@code isTerminal()} tells.
   */
  static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true;
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
