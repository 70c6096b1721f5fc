package io.deployguard.policy;

/**
 * Where a finding or error is: an input (a file path, an image reference or a live account
 * scope), a line where the input has lines, and a pointer inside it (a JSON path, a layer, an
 * ARN). Every part but {@code input} is optional.
 */
public record Location(String input, Integer line, String pointer) {

  public Location {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("a location needs an input");
    }
    if (line != null && line < 1) {
      throw new IllegalArgumentException("line numbers start at 1, got " + line);
    }
  }

  public static Location of(String input) {
    return new Location(input, null, null);
  }

  public static Location at(String input, int line) {
    return new Location(input, line, null);
  }

  public static Location pointer(String input, String pointer) {
    return new Location(input, null, pointer);
  }

  /** {@code file:line}, {@code file (pointer)} or {@code file}. */
  public String display() {
    // Sized for the whole text: every finding of a report is shown at its location.
    StringBuilder sb = new StringBuilder(input.length() + 12 + (pointer == null ? 0 : pointer.length() + 3));
    sb.append(input);
    if (line != null) {
      sb.append(':').append(line);
    }
    if (pointer != null && !pointer.isEmpty()) {
      sb.append(" (").append(pointer).append(')');
    }
    return sb.toString();
  }
}
