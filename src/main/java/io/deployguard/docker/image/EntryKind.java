package io.deployguard.docker.image;

/**
 * What one entry of a layer tar is. {@link #WHITEOUT} and {@link #OPAQUE} are the OCI/AUFS
 * deletion markers ({@code .wh.NAME} and {@code .wh..wh..opq}); they delete from lower layers.
 */
public enum EntryKind {
  FILE,
  DIRECTORY,
  SYMLINK,
  HARDLINK,
  /** Device, fifo and other special files: no content bytes. */
  OTHER,
  /** {@code .wh.NAME}: NAME (and everything below it) is deleted from the lower layers. */
  WHITEOUT,
  /** {@code .wh..wh..opq}: the directory's lower-layer contents are hidden. */
  OPAQUE
}
