package io.deployguard.docker.image;

/**
 * Bounds that keep a hostile archive from exhausting the machine. Each is named in
 * docs/limits.md with the {@code image:} key that raises it.
 *
 * @param maxCompressionRatio a compressed layer or archive may inflate at most this many times
 *     (checked once {@link #RATIO_CHECK_AFTER} bytes have come out)
 * @param maxMetadataBytes total bytes of manifests, configs and other small files kept in memory
 * @param maxLayers layers one image may list (repeats counted)
 * @param maxEntries file entries read from one image's layers, all layers together
 * @param daemonTimeout how long reading one image from a Docker Engine may take in all
 */
public record ReadLimits(int maxCompressionRatio, long maxMetadataBytes, int maxLayers, long maxEntries,
    java.time.Duration daemonTimeout) {
  /** Small layers may compress extremely well (a file of zeros); only judge ratios past this. */
  public static final long RATIO_CHECK_AFTER = 32L << 20;

  /** Index descriptors visited in one OCI index tree, nested indexes included (not configurable). */
  public static final int MAX_INDEX_DESCRIPTORS = 1024;

  /** The defaults are the image settings' defaults, with 64 MiB of metadata (not configurable). */
  public static final ReadLimits DEFAULT = of(io.deployguard.docker.ImageSettings.DEFAULT);

  public ReadLimits {
    if (maxCompressionRatio < 1 || maxMetadataBytes < 1 || maxLayers < 1 || maxEntries < 1
        || daemonTimeout == null || daemonTimeout.isNegative() || daemonTimeout.isZero()) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  /** The limits {@code settings} set. */
  public static ReadLimits of(io.deployguard.docker.ImageSettings settings) {
    return new ReadLimits(settings.maxCompressionRatio(), 64L << 20, settings.maxLayers(), settings.maxEntries(),
        java.time.Duration.ofSeconds(settings.daemonTimeoutSeconds()));
  }

  public static ReadLimits ofRatio(int ratio) {
    return new ReadLimits(ratio, DEFAULT.maxMetadataBytes, DEFAULT.maxLayers, DEFAULT.maxEntries, DEFAULT.daemonTimeout);
  }

  /** The entry limit crossed: one line naming the limit and the key that raises it. */
  String entriesMessage() {
    return "more than " + maxEntries + " file entries in the image's layers (the limit of image.max_entries;"
        + " raise it if the image is genuine)";
  }
}
