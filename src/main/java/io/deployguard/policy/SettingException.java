package io.deployguard.policy;

import java.util.function.Function;

/**
 * A configuration section's constructor refuses one of its keys for a reason that spans keys
 * (a warning size above the failing one). It names that key so the configuration loader can point
 * at it: the key is carried, not read back out of the message.
 */
public class SettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /**
   * @param key the key as written in {@code deployguard.yml}, relative to its section
   * @param problem the rest of the sentence about that key
   */
  public SettingException(String key, String problem) {
    super(key + " " + problem);
    this.key = key;
  }

  /**
   * Reads the text of one key, and names that key when the text is refused.
   *
   * @param key the key as written in {@code deployguard.yml}, relative to its section
   * @param read a parser that throws {@link IllegalArgumentException} with the rest of a sentence
   */
  public static <T> T read(String key, String text, Function<String, T> read) {
    try {
      return read.apply(text);
    } catch (IllegalArgumentException e) {
      throw new SettingException(key, e.getMessage());
    }
  }

  /** The key as written in {@code deployguard.yml}, relative to its section. */
  public String key() {
    return key;
  }

  /** The message without the key. */
  public String problem() {
    return getMessage().substring(key.length() + 1);
  }
}
