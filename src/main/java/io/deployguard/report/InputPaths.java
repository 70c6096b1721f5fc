package io.deployguard.report;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns a finding's input (a relative or absolute file path in any platform's spelling, an image
 * reference, or a URI such as a live account scope) into the forms report consumers expect.
 */
final class InputPaths {
  private static final Pattern WINDOWS_DRIVE = Pattern.compile("^[A-Za-z]:[\\\\/].*");
  private static final Pattern URI_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final String HEX = "0123456789ABCDEF";

  private InputPaths() {}

  /** The input with forward slashes, as GitLab wants a repository path. */
  static String slashes(String input) {
    return input.replace('\\', '/');
  }

  /**
   * A URI reference for SARIF's {@code artifactLocation.uri}: relative paths stay relative,
   * absolute paths become {@code file:} URIs, inputs that already are URIs keep their scheme; every
   * character outside RFC 3986's unreserved set and {@code /} is percent-encoded as UTF-8.
   */
  static String uri(String input) {
    if (URI_SCHEME.matcher(input).matches()) {
      int start = input.indexOf("://") + 3;
      return input.substring(0, start) + encode(input.substring(start), true);
    }
    String path = slashes(input);
    if (WINDOWS_DRIVE.matcher(input).matches()) {
      return "file:///" + path.substring(0, 2) + encode(path.substring(2), false);
    }
    if (path.startsWith("/")) {
      return "file://" + encode(path, false);
    }
    return encode(path, false);
  }

  private static String encode(String path, boolean keepColons) {
    StringBuilder sb = new StringBuilder();
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || (keepColons && c == ':');
      if (plain) {
        sb.append((char) c);
      } else {
        // A colon stays encoded in relative references: in a first segment it would read as a scheme.
        sb.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      }
    }
    return sb.toString();
  }
}
