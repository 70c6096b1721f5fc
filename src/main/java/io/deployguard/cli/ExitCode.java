package io.deployguard.cli;

/** The process exit codes users script against. */
public enum ExitCode {
  /** No finding at or above the fail threshold, and every input was read. */
  OK(0),
  /** Findings at or above the fail threshold. */
  FINDINGS(1),
  /** Usage or configuration error. */
  USAGE(2),
  /** An input could not be read or scanned (fail closed). */
  INPUT_ERROR(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
