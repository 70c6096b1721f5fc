package io.deployguard.docker.image;

import java.util.List;
import java.util.Objects;

/**
 * One layer of an image as its tar lists it, in tar order.
 *
 * @param index position in the image, from 1 (the base layer)
 * @param diffId the digest of the uncompressed layer from the image config ({@code
 *     rootfs.diff_ids}), the same whatever the archive format
 * @param createdBy the build step that made the layer (from the config history), or empty
 * @param entries the tar's entries in tar order
 * @param bytes sum of the regular files' sizes: what the layer occupies unpacked; hardlinks,
 *     symlinks, directories and whiteouts count 0
 */
public record Layer(int index, String diffId, String createdBy, List<LayerEntry> entries, long bytes) {
  public Layer {
    if (index < 1) {
      throw new IllegalArgumentException("layers count from 1, got " + index);
    }
    Objects.requireNonNull(diffId, "diffId");
    createdBy = createdBy == null ? "" : createdBy;
    entries = List.copyOf(entries);
  }

  public static Layer of(int index, String diffId, String createdBy, List<LayerEntry> entries) {
    long sum = 0;
    for (LayerEntry e : entries) {
      sum += e.size();
    }
    return new Layer(index, diffId, createdBy, entries, sum);
  }

  /** {@code layer 3}, as shown in findings. */
  public String label() {
    return "layer " + index;
  }
}
