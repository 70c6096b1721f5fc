package io.deployguard.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a suppression comment, the same in every file kind: {@code deployguard:ignore=ID[,ID...]
 * REASON} for what follows, {@code deployguard:ignore-file=ID[,ID...] REASON} for the whole file.
 * The reason is required.
 *
 * @param rules the rule ids, upper-cased
 * @param reason why, as written
 * @param wholeFile whether it is the file-wide form
 */
public record IgnoreComment(List<String> rules, String reason, boolean wholeFile) {

  /** The marker every suppression comment starts with, after the comment sign. */
  public static final String MARKER = "deployguard:ignore";

  // Bounded quantifiers only: the text is one line of input.
  private static final Pattern FORM = Pattern.compile(
      "deployguard:ignore(-file)?=([A-Za-z]{1,16}[0-9]{1,6}(?:,[A-Za-z]{1,16}[0-9]{1,6}){0,31})(?:[ \\t]+(.*))?");

  public IgnoreComment {
    rules = List.copyOf(rules);
  }

  /**
   * The suppression in one comment's text (the comment sign removed, leading blanks allowed), or
   * {@code null} when the comment is not one.
   *
   * @param input the file, named in errors
   * @param line the comment's line, named in errors
   * @throws InputException when the comment starts like a suppression but has no valid id or no reason
   */
  public static IgnoreComment parse(String text, String input, int line) {
    String t = text.strip();
    if (!t.startsWith(MARKER)) {
      return null;
    }
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new InputException(input, "line " + line, "a suppression comment needs rule ids: '" + clip(t) + "'",
          "write '# deployguard:ignore=DF001 why it is acceptable' (ids separated by commas)");
    }
    String reason = m.group(3) == null ? "" : m.group(3).strip();
    if (reason.isEmpty()) {
      throw new InputException(input, "line " + line, "the suppression of " + m.group(2) + " gives no reason",
          "write the reason after the ids: '# deployguard:ignore=" + m.group(2) + " why it is acceptable'");
    }
    List<String> ids = new ArrayList<>();
    for (String id : m.group(2).split(",")) {
      ids.add(id.toUpperCase(Locale.ROOT));
    }
    return new IgnoreComment(ids, reason, m.group(1) != null);
  }

  /** The suppressions this comment makes, for lines {@code from} to {@code to} unless it is file-wide. */
  public List<Ignore> ignores(int commentLine, int from, int to) {
    List<Ignore> out = new ArrayList<>();
    for (String id : rules) {
      out.add(new Ignore(id, null, wholeFile ? null : from, wholeFile ? null : to, reason,
          new Location("-", commentLine, null), Finding.Suppression.Kind.INLINE));
    }
    return out;
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
