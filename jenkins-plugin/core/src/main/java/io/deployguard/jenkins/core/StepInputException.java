package io.deployguard.jenkins.core;

/**
 * A step parameter or tool setting that cannot work, found before anything is launched or
 * deleted. Its message is one line that names the parameter, the value and the fix.
 */
public final class StepInputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public StepInputException(String message) {
    super(message);
  }

  /**
   * The step could not read or write the workspace while doing {@code what} (e.g. {@code
   * "reportsDir 'reports': removing the reports of an earlier run"}): one line with the reason
   * and what to check, instead of the exception's stack trace.
   */
  public static StepInputException onDisk(String what, java.io.IOException e) {
    String reason;
    if (e instanceof java.nio.file.AccessDeniedException) {
      reason = "permission denied on " + e.getMessage();
    } else if (e instanceof java.nio.file.NoSuchFileException) {
      reason = "no such file or folder " + e.getMessage();
    } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      reason = f.getReason() + (f.getFile() == null ? "" : " (" + f.getFile() + ")");
    } else {
      reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
    return new StepInputException(what + ": " + reason
        + "; check that the workspace's disk has room and that the agent's user can write there");
  }
}
