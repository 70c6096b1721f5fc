package io.deployguard.docker.image;

/**
 * Bounds that keep a hostile archive from exhausting the machine.
 *
 * @param maxCompressionRatio a compressed layer may inflate at most this many times (checked once
 *     {@link #RATIO_CHECK_AFTER} bytes have come out)
 * @param maxMetadataBytes total bytes of manifests, configs and other small files kept in memory
 */
public record ReadLimits(int maxCompressionRatio, long maxMetadataBytes) {
  /** Small layers may compress extremely well (a file of zeros); only judge ratios past this. */
  public static final long RATIO_CHECK_AFTER = 32L << 20;

  public static final ReadLimits DEFAULT = new ReadLimits(250, 64L << 20);

  public ReadLimits {
    if (maxCompressionRatio < 1 || maxMetadataBytes < 1) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }

  public static ReadLimits ofRatio(int ratio) {
    return new ReadLimits(ratio, DEFAULT.maxMetadataBytes);
  }
}
