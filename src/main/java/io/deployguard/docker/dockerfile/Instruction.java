package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One instruction of a Dockerfile as BuildKit reads it.
 *
 * @param keyword the instruction in upper case ({@code RUN}, {@code COPY} ...)
 * @param flags the builder flags before the arguments, in order ({@code --from}, {@code --mount})
 * @param arguments the text after the flags, continuation lines joined (comment and empty lines
 *     inside a continuation dropped, as BuildKit does)
 * @param argumentLines the source line of every character of {@code arguments}
 * @param json whether the arguments are a JSON array (exec form)
 * @param execForm the JSON array's strings when {@code json}, else empty
 * @param heredocs the here-documents, in the order their markers appear
 * @param trigger for {@code ONBUILD}, the instruction it registers; otherwise {@code null}
 * @param line the line the instruction starts on
 * @param endLine the last line it occupies (continuations and heredoc bodies included)
 */
public record Instruction(
    String keyword,
    List<Flag> flags,
    String arguments,
    LineMap argumentLines,
    boolean json,
    List<String> execForm,
    List<Heredoc> heredocs,
    Instruction trigger,
    int line,
    int endLine) {

  public Instruction {
    Objects.requireNonNull(keyword, "keyword");
    flags = List.copyOf(flags);
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(argumentLines, "argumentLines");
    execForm = List.copyOf(execForm);
    heredocs = List.copyOf(heredocs);
    if (endLine < line) {
      throw new IllegalArgumentException("an instruction cannot end (" + endLine + ") before it starts (" + line + ")");
    }
  }

  public boolean is(String kw) {
    return keyword.equalsIgnoreCase(kw);
  }

  /** The value of the last flag of that name ({@code from} for {@code --from=build}). */
  public Optional<String> flag(String name) {
    String v = null;
    boolean found = false;
    for (Flag f : flags) {
      if (f.name().equals(name)) {
        v = f.value();
        found = true;
      }
    }
    return found ? Optional.of(v == null ? "" : v) : Optional.empty();
  }

  /** Every {@code --mount} of a {@code RUN}. */
  public List<Mount> mounts() {
    List<Mount> out = new ArrayList<>();
    for (Flag f : flags) {
      if (f.name().equals("mount")) {
        out.add(Mount.parse(f.value() == null ? "" : f.value()));
      }
    }
    return out;
  }

  /** The line of the character at {@code offset} of {@link #arguments}. */
  public int lineAt(int offset) {
    return argumentLines.length() == 0 ? line : argumentLines.lineAt(offset);
  }

  /** The arguments as words, quotes removed; the exec form's strings when it is one. */
  public List<String> words() {
    return json ? execForm : Words.texts(arguments, '\\');
  }

  /** The text inside one pair of matching quotes around it, or the text itself. */
  static String unquote(String s) {
    if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
      return s.substring(1, s.length() - 1);
    }
    return s;
  }
}
