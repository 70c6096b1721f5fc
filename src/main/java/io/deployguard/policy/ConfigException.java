package io.deployguard.policy;

/**
 * The configuration or the command line is wrong (exit code 2). The message is one line that
 * names the file or option, the place and the fix.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
