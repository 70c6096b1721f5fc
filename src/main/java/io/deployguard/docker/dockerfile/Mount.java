package io.deployguard.docker.dockerfile;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code RUN --mount=...} option.
 *
 * @param type {@code bind} (the default), {@code cache}, {@code tmpfs}, {@code secret} or
 *     {@code ssh}
 * @param target where it is mounted, or {@code null} (secrets and ssh may omit it)
 * @param options every key/value written, in lower-case keys
 */
public record Mount(String type, String target, Map<String, String> options) {
  public Mount {
    Objects.requireNonNull(type, "type");
    options = Map.copyOf(options);
  }

  /** Whether files written under this mount stay out of the image's layer. */
  public boolean keepsFilesOutOfLayer() {
    String t = type.toLowerCase(Locale.ROOT);
    return t.equals("cache") || t.equals("tmpfs");
  }
}
