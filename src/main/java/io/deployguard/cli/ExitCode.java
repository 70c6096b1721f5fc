package io.deployguard.cli;

import io.deployguard.app.ExitStatus;

/** The process exit codes users script against; the numbers are {@link ExitStatus}'s. */
public enum ExitCode {
  /** No finding at or above the fail threshold, and every input was read. */
  OK(ExitStatus.OK),
  /** Findings at or above the fail threshold. */
  FINDINGS(ExitStatus.FINDINGS),
  /** Usage or configuration error. */
  USAGE(ExitStatus.USAGE),
  /** An input could not be read or scanned (fail closed). */
  INPUT_ERROR(ExitStatus.INPUT_ERROR),
  /** A bug in deployguard: any failure that is not a usage or input error. */
  INTERNAL(ExitStatus.INTERNAL);

  private final ExitStatus status;

  ExitCode(ExitStatus status) {
    this.status = status;
  }

  public int code() {
    return status.code();
  }
}
