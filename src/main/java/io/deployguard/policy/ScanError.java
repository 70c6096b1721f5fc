package io.deployguard.policy;

import java.util.Objects;

/**
 * An input that could not be read or scanned. Any error makes the whole scan fail (exit 3),
 * whatever the findings: deployguard fails closed.
 *
 * @param input the file, image or account that failed
 * @param place where in it (a JSON path, byte offset, line, layer), or empty
 * @param message what is wrong, one line
 * @param hint what to do about it, one line
 */
public record ScanError(String input, String place, String message, String hint) {
  public ScanError {
    Objects.requireNonNull(input, "input");
    place = place == null ? "" : place;
    Objects.requireNonNull(message, "message");
    hint = hint == null ? "" : hint;
  }

  /** The one-line form printed on stderr: {@code input: place: message (hint)}. */
  public String oneLine() {
    StringBuilder sb = new StringBuilder(input);
    if (!place.isEmpty()) {
      sb.append(": ").append(place);
    }
    sb.append(": ").append(message);
    if (!hint.isEmpty()) {
      sb.append(" (").append(hint).append(')');
    }
    return sb.toString().replace('\n', ' ').replace('\r', ' ');
  }

  public static ScanError of(InputException e) {
    return new ScanError(e.input(), e.place(), e.problem(), e.hint());
  }
}
