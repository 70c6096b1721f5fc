package io.deployguard.app;

import io.deployguard.policy.ScanResult;

/**
 * The exit codes users script against, the same for every front end (the command line, and the
 * Jenkins step and GitLab template through it):
 * 0 pass, 1 findings at or above the threshold, 2 usage or configuration error, 3 an input could
 * not be read, 4 an internal error. An unreadable input is never a pass, whatever else was found.
 */
public enum ExitStatus {
  /** No finding at or above the fail threshold, and every input was read. */
  OK(0),
  /** Findings at or above the fail threshold. */
  FINDINGS(1),
  /** Usage or configuration error. */
  USAGE(2),
  /** An input could not be read or scanned (fail closed). */
  INPUT_ERROR(3),
  /** A bug in deployguard: any failure that is not a usage or input error (never a pass). */
  INTERNAL(4);

  private final int code;

  ExitStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** Errors win over findings; {@code softFail} turns failing findings into a pass, never errors. */
  public static ExitStatus of(ScanResult result, boolean softFail) {
    return switch (result.verdict()) {
      case ERROR -> INPUT_ERROR;
      case FAIL -> softFail ? OK : FINDINGS;
      case PASS -> OK;
    };
  }
}
