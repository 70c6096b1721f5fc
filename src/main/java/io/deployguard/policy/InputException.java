package io.deployguard.policy;

/**
 * An input that cannot be read as what it claims to be. Readers throw it with the input's name,
 * the place in it and a hint; it becomes a {@link ScanError} and exit code 3.
 */
public class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String input;
  private final String place;
  private final String problem;
  private final String hint;

  public InputException(String input, String place, String problem, String hint) {
    this(input, place, problem, hint, null);
  }

  public InputException(String input, String place, String problem, String hint, Throwable cause) {
    super(new ScanError(input, place, problem, hint).oneLine(), cause);
    this.input = input;
    this.place = place == null ? "" : place;
    this.problem = problem;
    this.hint = hint == null ? "" : hint;
  }

  public String input() {
    return input;
  }

  public String place() {
    return place;
  }

  public String problem() {
    return problem;
  }

  public String hint() {
    return hint;
  }
}
