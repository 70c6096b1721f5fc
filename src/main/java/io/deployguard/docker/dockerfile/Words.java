package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.List;

/** Splits instruction arguments into words the way the Dockerfile frontend does. */
final class Words {
  private Words() {}

  /** A word and the offset of its first character in the text it came from. */
  record Word(String text, int offset) {}

  /**
   * Splits on unquoted blanks. Single and double quotes group blanks; the escape character
   * escapes the next character. With {@code keepQuotes} the quotes and escapes stay in the word
   * (used where BuildKit looks at the raw word, as for heredoc markers and flags).
   */
  static List<Word> split(String text, char escape, boolean keepQuotes) {
    List<Word> words = new ArrayList<>();
    StringBuilder cur = null;
    int start = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
        if (cur != null) {
          words.add(new Word(cur.toString(), start));
          cur = null;
        }
        continue;
      }
      if (cur == null) {
        cur = new StringBuilder();
        start = i;
      }
      if (c == escape && quote != '\'' && i + 1 < text.length()) {
        if (keepQuotes) {
          cur.append(c);
        }
        cur.append(text.charAt(++i));
      } else if (quote == 0 && (c == '\'' || c == '"')) {
        quote = c;
        if (keepQuotes) {
          cur.append(c);
        }
      } else if (quote != 0 && c == quote) {
        quote = 0;
        if (keepQuotes) {
          cur.append(c);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur != null) {
      words.add(new Word(cur.toString(), start));
    }
    return words;
  }

  /** The texts of {@link #split} with quotes removed. */
  static List<String> texts(String text, char escape) {
    return split(text, escape, false).stream().map(Word::text).toList();
  }
}
