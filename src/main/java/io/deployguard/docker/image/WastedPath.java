package io.deployguard.docker.image;

import java.util.List;

/**
 * Bytes of one path that are in the layers but not in the final filesystem: every copy that a
 * later layer overwrote or deleted, and all copies of a deleted path.
 *
 * @param path normalised path
 * @param bytes the wasted bytes
 * @param layers the layers (from 1) holding the wasted copies, ascending
 * @param deleted whether the path is absent from the final filesystem
 */
public record WastedPath(String path, long bytes, List<Integer> layers, boolean deleted) {
  public WastedPath {
    layers = List.copyOf(layers);
  }
}
