package io.deployguard.docker.dockerfile;

import java.util.Arrays;

/**
 * The source line of every character of a text assembled from several physical lines (an
 * instruction joined across continuations, a heredoc body, an unquoted shell word), so that a
 * finding can point at the line where a command really is.
 */
public final class LineMap {
  private final int[] lines;

  private LineMap(int[] lines) {
    this.lines = lines;
  }

  /** The line of the character at {@code offset}; past the end, the line of the last character. */
  public int lineAt(int offset) {
    if (lines.length == 0) {
      throw new IllegalStateException("an empty text has no lines");
    }
    return lines[Math.max(0, Math.min(offset, lines.length - 1))];
  }

  /** The part of the map for characters {@code from} (inclusive) to {@code to} (exclusive). */
  public LineMap slice(int from, int to) {
    return new LineMap(Arrays.copyOfRange(lines, from, to));
  }

  public int length() {
    return lines.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LineMap m && Arrays.equals(lines, m.lines);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lines);
  }

  @Override
  public String toString() {
    return lines.length == 0 ? "LineMap[]" : "LineMap[" + lines[0] + ".." + lines[lines.length - 1] + "]";
  }

  /** Builds a map alongside the text it describes. */
  static final class Builder {
    private int[] lines = new int[64];
    private int size;

    void add(int line, int count) {
      while (size + count > lines.length) {
        lines = Arrays.copyOf(lines, lines.length * 2);
      }
      Arrays.fill(lines, size, size + count, line);
      size += count;
    }

    int size() {
      return size;
    }

    LineMap build() {
      return new LineMap(Arrays.copyOf(lines, size));
    }
  }
}
