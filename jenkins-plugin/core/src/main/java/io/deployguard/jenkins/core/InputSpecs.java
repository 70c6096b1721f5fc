package io.deployguard.jenkins.core;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The list parameters of the steps: values separated by whitespace or commas. */
public final class InputSpecs {
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private InputSpecs() {}

  /** The values of {@code spec} in order, without empties; an empty or null spec gives none. */
  public static List<String> split(String spec) {
    if (spec == null || spec.isBlank()) {
      return List.of();
    }
    return Arrays.stream(spec.trim().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
  }

  /** Whether {@code value} is an Ant pattern ({@code **}/Dockerfile) to expand in the workspace. */
  public static boolean isPattern(String value) {
    return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
  }

  /** Whether {@code path} is absolute ({@code /x}, {@code \\x}, {@code C:x}) rather than relative to the workspace. */
  public static boolean isAbsolute(String path) {
    return path.startsWith("/") || path.startsWith("\\") || DRIVE.matcher(path).matches();
  }

  /**
   * {@code pattern}, a value of {@code parameter}, checked to be relative to the workspace, where
   * the step expands it.
   *
   * @throws StepInputException for an absolute pattern, naming the parameter, the pattern and the fix
   */
  public static String relativePattern(String parameter, String pattern) {
    if (isAbsolute(pattern)) {
      throw new StepInputException(parameter + ": '" + pattern + "' is an absolute pattern, but patterns are matched"
          + " inside the workspace; give it relative to the workspace (e.g. '**/Dockerfile'), or name the file"
          + " without * or ?");
    }
    return pattern;
  }

  /**
   * The local path an image source reads ({@code docker-archive:PATH}, {@code oci-archive:PATH},
   * {@code oci:DIR}), or {@code null} for one that reads no file ({@code docker-daemon:REF}).
   */
  public static String imagePath(String source) {
    for (String prefix : List.of("docker-archive:", "oci-archive:", "oci:")) {
      if (source.startsWith(prefix)) {
        String path = source.substring(prefix.length());
        // oci:DIR:TAG names a tag inside the layout; the folder is what is read.
        int tag = prefix.equals("oci:") ? path.lastIndexOf(':') : -1;
        return tag > 1 ? path.substring(0, tag) : path;
      }
    }
    return null;
  }
}
