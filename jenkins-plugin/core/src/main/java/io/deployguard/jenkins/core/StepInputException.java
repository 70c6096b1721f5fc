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
}
