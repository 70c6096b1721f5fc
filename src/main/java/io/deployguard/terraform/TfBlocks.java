package io.deployguard.terraform;

import io.deployguard.policy.IgnoreComment;
import io.deployguard.policy.Ignore;
import io.deployguard.policy.InputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level blocks of one {@code .tf} file with the lines they span ({@code resource "aws_x"
 * "y" {} }, {@code data}, {@code module}), and its suppression comments. Reads HCL's native
 * syntax far enough to find block boundaries: {@code #}, {@code //} and {@code /* *\/} comments,
 * quoted strings with escapes and {@code ${...}}/{@code %{...}} templates (which may hold braces
 * and strings of their own), heredocs, and nested blocks.
 *
 * @param blocks every top-level block, in file order
 * @param ignores the suppression comments: one inside a block, or on the lines before one (with
 *     only blank lines and comments between), covers that block's lines
 */
public record TfBlocks(List<Block> blocks, List<Ignore> ignores) {

  /** One top-level block: its type ({@code resource}), labels, and first and last line. */
  public record Block(String type, List<String> labels, int startLine, int endLine) {
    public Block {
      labels = List.copyOf(labels);
    }
  }

  public TfBlocks {
    blocks = List.copyOf(blocks);
    ignores = List.copyOf(ignores);
  }

  /**
   * @param name the file, named in errors
   * @throws IllegalArgumentException naming the line when the braces, strings or heredocs do not
   *     close (the caller turns it into a warning; the findings keep their plan location)
   * @throws InputException for a suppression comment without rule ids or reason
   */
  public static TfBlocks parse(String text, String name) {
    return new Scanner(text, name).run();
  }

  private static final class Scanner {
    private final String s;
    private final String name;
    private int i;
    private int line = 1;
    private final List<Block> blocks = new ArrayList<>();
    private final List<Ignore> ignores = new ArrayList<>();
    /** Suppression comments at the top level, waiting for the next block. */
    private final List<IgnoreComment> pending = new ArrayList<>();
    private final List<Integer> pendingLines = new ArrayList<>();
    /** Suppression comments inside the current top-level block. */
    private final List<IgnoreComment> inside = new ArrayList<>();
    private final List<Integer> insideLines = new ArrayList<>();

    Scanner(String s, String name) {
      this.s = s;
      this.name = name;
    }

    TfBlocks run() {
      int depth = 0;
      List<String> header = new ArrayList<>();
      int headerLine = 0;
      int blockStart = 0;
      String blockType = null;
      List<String> blockLabels = List.of();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\n') {
          line++;
          i++;
          if (depth == 0) {
            // A block's header and its opening brace share a line.
            header.clear();
          }
        } else if (c == '#' || (c == '/' && peek(1) == '/')) {
          comment(depth, i + (c == '#' ? 1 : 2));
        } else if (c == '/' && peek(1) == '*') {
          blockComment();
        } else if (c == '"') {
          int at = line;
          String label = string();
          if (depth == 0) {
            if (header.isEmpty()) {
              headerLine = at;
            }
            header.add(label);
          }
        } else if (c == '<' && peek(1) == '<' && depth > 0) {
          heredoc();
        } else if (c == '{') {
          if (depth == 0) {
            if (header.isEmpty()) {
              throw new IllegalArgumentException("line " + line + ": a block without a type");
            }
            blockStart = headerLine;
            blockType = header.get(0);
            blockLabels = header.subList(1, header.size()).stream().toList();
            header.clear();
          }
          depth++;
          i++;
        } else if (c == '}') {
          depth--;
          i++;
          if (depth < 0) {
            throw new IllegalArgumentException("line " + line + ": a '}' closes no block");
          }
          if (depth == 0) {
            blocks.add(new Block(blockType, blockLabels, blockStart, line));
            flush(pending, pendingLines, blockStart, line);
            flush(inside, insideLines, blockStart, line);
          }
        } else if (Character.isLetter(c) || c == '_') {
          int start = i;
          while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
          }
          if (depth == 0) {
            if (header.isEmpty()) {
              headerLine = line;
            }
            header.add(s.substring(start, i));
          }
        } else {
          if (depth == 0 && c == '=') {
            // A top-level attribute: not a block header.
            header.clear();
          }
          i++;
        }
      }
      if (depth != 0) {
        throw new IllegalArgumentException("the block that starts on line " + blockStart + " is not closed");
      }
      // Suppressions that precede no block cover nothing: they are reported as unused.
      flush(pending, pendingLines, line + 1, line + 1);
      return new TfBlocks(blocks, ignores);
    }

    private char peek(int ahead) {
      return i + ahead < s.length() ? s.charAt(i + ahead) : '\0';
    }

    private void flush(List<IgnoreComment> comments, List<Integer> lines, int from, int to) {
      for (int k = 0; k < comments.size(); k++) {
        ignores.addAll(comments.get(k).ignores(lines.get(k), from, to));
      }
      comments.clear();
      lines.clear();
    }

    private void comment(int depth, int textStart) {
      int end = s.indexOf('\n', textStart);
      if (end < 0) {
        end = s.length();
      }
      IgnoreComment c = IgnoreComment.parse(s.substring(textStart, end), name, line);
      if (c != null) {
        if (c.wholeFile()) {
          ignores.addAll(c.ignores(line, 1, 1));
        } else if (depth == 0) {
          pending.add(c);
          pendingLines.add(line);
        } else {
          inside.add(c);
          insideLines.add(line);
        }
      }
      i = end;
    }

    private void blockComment() {
      int end = s.indexOf("*/", i + 2);
      if (end < 0) {
        throw new IllegalArgumentException("line " + line + ": a /* comment is not closed");
      }
      countLines(i, end + 2);
      i = end + 2;
    }

    private void countLines(int from, int to) {
      for (int k = from; k < to; k++) {
        if (s.charAt(k) == '\n') {
          line++;
        }
      }
    }

    /** A quoted string from its opening quote; returns its text (templates kept as written). */
    private String string() {
      int startLine = line;
      i++;
      StringBuilder text = new StringBuilder();
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\') {
          text.append(c).append(peek(1));
          i += 2;
        } else if (c == '"') {
          i++;
          return text.toString();
        } else if ((c == '$' || c == '%') && peek(1) == '{') {
          int from = i;
          i += 2;
          template();
          text.append(s, from, i);
        } else if (c == '\n') {
          throw new IllegalArgumentException("line " + startLine + ": a quoted string is not closed on its line");
        } else {
          text.append(c);
          i++;
        }
      }
      throw new IllegalArgumentException("line " + startLine + ": a quoted string is not closed");
    }

    /** The inside of a {@code ${...}} template up to its closing brace, strings and braces nested. */
    private void template() {
      int depth = 1;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"') {
          string();
        } else if (c == '{') {
          depth++;
          i++;
        } else if (c == '}') {
          i++;
          if (--depth == 0) {
            return;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          i++;
        }
      }
      throw new IllegalArgumentException("line " + line + ": a ${ template is not closed");
    }

    private void heredoc() {
      int j = i + 2;
      if (j < s.length() && s.charAt(j) == '-') {
        j++;
      }
      int start = j;
      while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
        j++;
      }
      if (j == start) {
        i += 2;
        return;
      }
      String marker = s.substring(start, j);
      int startLine = line;
      int nl = s.indexOf('\n', j);
      while (nl >= 0) {
        line++;
        int next = s.indexOf('\n', nl + 1);
        String body = s.substring(nl + 1, next < 0 ? s.length() : next);
        if (body.strip().equals(marker)) {
          i = next < 0 ? s.length() : next;
          return;
        }
        nl = next;
      }
      throw new IllegalArgumentException("line " + startLine + ": the heredoc <<" + marker + " is not closed");
    }
  }
}
