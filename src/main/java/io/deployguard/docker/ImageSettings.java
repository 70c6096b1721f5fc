package io.deployguard.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Limits;
import io.deployguard.policy.SettingException;
import io.deployguard.policy.Unset;
import java.util.List;

/**
 * The {@code image:} section of {@code deployguard.yml}. Missing keys take their defaults; unknown
 * keys are configuration errors.
 *
 * @param maxImageSize IMG001 fails an image larger than this (sum of the layers' file bytes);
 *     default 1 GiB
 * @param warnImageSize IMG001 warns (MEDIUM) above this; default 500 MiB, at most {@code
 *     maxImageSize}
 * @param maxWastedBytes IMG002 reports more wasted bytes than this; default 50 MiB
 * @param minEfficiency IMG002 reports an efficiency (1 - wasted / total) below this; default 0.9
 * @param topOffenders how many wasted paths IMG002 lists; default 10
 * @param toolchainPaths extra IMG003 path globs ({@code **} any depth, {@code *} within a name,
 *     {@code ~/} any home directory), for example {@code /opt/sdk/**}
 * @param cachePaths extra IMG004 path globs, same syntax
 * @param maxCompressionRatio a compressed layer or archive that inflates more than this many
 *     times is refused as a decompression bomb; default 250
 * @param maxLayers an image listing more layers (repeats counted) is refused; default 256
 * @param maxEntries an image whose layers hold more file entries in all is refused; default
 *     1,000,000
 * @param daemonTimeoutSeconds reading one image from a Docker Engine may take this long in all;
 *     default 600
 */
public record ImageSettings(
    @JsonProperty("max_image_size") ByteSize maxImageSize,
    @JsonProperty("warn_image_size") ByteSize warnImageSize,
    @JsonProperty("max_wasted_bytes") ByteSize maxWastedBytes,
    @JsonProperty("min_efficiency") @Limits(min = 0, max = 1) Double minEfficiency,
    @JsonProperty("top_offenders") @Limits(min = 1) Integer topOffenders,
    @JsonProperty("toolchain_paths") List<String> toolchainPaths,
    @JsonProperty("cache_paths") List<String> cachePaths,
    @JsonProperty("max_compression_ratio") @Limits(min = 10) Integer maxCompressionRatio,
    @JsonProperty("max_layers") @Limits(min = 1) Integer maxLayers,
    @JsonProperty("max_entries") @Limits(min = 1) Integer maxEntries,
    @JsonProperty("daemon_timeout_seconds") @Limits(min = 1) Integer daemonTimeoutSeconds) {

  public static final ImageSettings DEFAULT =
      new ImageSettings(null, null, null, null, null, null, null, null, null, null, null);

  public ImageSettings {
    maxImageSize = maxImageSize == null ? ByteSize.ofGiB(1) : maxImageSize;
    warnImageSize = warnImageSize == null
        ? ByteSize.ofBytes(Math.min(ByteSize.ofMiB(500).bytes(), maxImageSize.bytes()))
        : warnImageSize;
    maxWastedBytes = maxWastedBytes == null ? ByteSize.ofMiB(50) : maxWastedBytes;
    minEfficiency = minEfficiency == null ? 0.9 : minEfficiency;
    topOffenders = topOffenders == null ? 10 : topOffenders;
    toolchainPaths = Unset.list(toolchainPaths);
    cachePaths = Unset.list(cachePaths);
    maxCompressionRatio = maxCompressionRatio == null ? 250 : maxCompressionRatio;
    maxLayers = maxLayers == null ? 256 : maxLayers;
    maxEntries = maxEntries == null ? 1_000_000 : maxEntries;
    daemonTimeoutSeconds = daemonTimeoutSeconds == null ? 600 : daemonTimeoutSeconds;
    if (warnImageSize.compareTo(maxImageSize) > 0) {
      throw new SettingException("warn_image_size", "(" + warnImageSize + ") must not exceed max_image_size ("
          + maxImageSize + ")");
    }
  }

  /** The same settings with other size thresholds (tests and callers that size per cluster). */
  public ImageSettings withSizes(ByteSize max, ByteSize warn) {
    return new ImageSettings(max, warn, maxWastedBytes, minEfficiency, topOffenders, toolchainPaths, cachePaths,
        maxCompressionRatio, maxLayers, maxEntries, daemonTimeoutSeconds);
  }
}
