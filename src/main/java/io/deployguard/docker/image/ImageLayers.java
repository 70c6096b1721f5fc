package io.deployguard.docker.image;

import java.util.List;
import java.util.Objects;

/**
 * An image as read from a source, before analysis.
 *
 * @param reference the image's name ({@code localhost/app:1.2}), from the source or the archive's
 *     tags; the source itself when the archive names none
 * @param source where it was read, in the containers-transports form ({@code
 *     docker-archive:/tmp/app.tar}, {@code docker-daemon:app:1.2})
 * @param configDigest the image config's digest (the image id), or empty when unknown
 * @param layers base layer first
 */
public record ImageLayers(String reference, String source, String configDigest, List<Layer> layers) {
  public ImageLayers {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(source, "source");
    configDigest = configDigest == null ? "" : configDigest;
    layers = List.copyOf(layers);
  }

  /** Sum of the layers' file bytes: the image's size as IMG001 judges it. */
  public long totalBytes() {
    long sum = 0;
    for (Layer l : layers) {
      sum += l.bytes();
    }
    return sum;
  }
}
