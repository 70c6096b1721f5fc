package io.deployguard.capacity;

import io.deployguard.policy.ByteSize;
import java.util.Objects;

/** The size an image takes on a node once pulled and unpacked. */
public record ImageFootprint(String reference, ByteSize size) {
  public ImageFootprint {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(size, "size");
  }
}
