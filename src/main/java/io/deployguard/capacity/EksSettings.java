package io.deployguard.capacity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.deployguard.policy.ByteSize;
import io.deployguard.policy.Limits;
import io.deployguard.policy.Unset;
import java.util.List;
import java.util.Map;

/**
 * The {@code eks:} section of {@code deployguard.yml}: how much of a node's disk images may use.
 *
 * @param imageGcHighThresholdPercent the kubelet's {@code imageGCHighThresholdPercent}: above
 *     this disk usage it deletes images, and past the eviction threshold it evicts pods (default
 *     85)
 * @param systemReserve disk the node needs besides images: the OS, kubelet, container logs,
 *     daemon-set images (default 5GiB)
 * @param images which scanned images run on which node groups: node-group address glob -> image
 *     references (default: every scanned image may run on every node group)
 */
public record EksSettings(
    @JsonProperty("image_gc_high_threshold_percent") @Limits(min = 1, max = 100) Integer imageGcHighThresholdPercent,
    @JsonProperty("system_reserve") ByteSize systemReserve,
    @JsonProperty("images") Map<String, List<String>> images) {

  public static final EksSettings DEFAULT = new EksSettings(null, null, null);

  public EksSettings {
    imageGcHighThresholdPercent = imageGcHighThresholdPercent == null ? 85 : imageGcHighThresholdPercent;
    systemReserve = systemReserve == null ? ByteSize.ofGiB(5) : systemReserve;
    images = Unset.map(images);
  }
}
