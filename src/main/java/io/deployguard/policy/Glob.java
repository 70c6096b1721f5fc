package io.deployguard.policy;

import java.util.regex.Pattern;

/**
 * Resource patterns as written in configuration: {@code *} matches any run of characters
 * (dots, brackets and quotes included, so {@code module.net.*} covers every instance), {@code
 * ?} one character, everything else itself.
 */
public final class Glob {
  private final String text;
  private final Pattern pattern;

  private Glob(String text) {
    this.text = text;
    StringBuilder re = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '*' -> re.append(".*");
        case '?' -> re.append('.');
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.pattern = Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  public static Glob of(String text) {
    return new Glob(text);
  }

  public boolean matches(String s) {
    return pattern.matcher(s).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
