package io.deployguard.docker.image;

import java.util.Objects;

/**
 * One entry of a layer tar, its path normalised (no leading {@code /} or {@code ./}, no trailing
 * {@code /}, never {@code ..}). For a whiteout the path is the deleted path; for an opaque marker
 * it is the directory ({@code ""} for the root).
 *
 * @param path normalised path inside the image
 * @param kind what the entry is
 * @param size content bytes: the tar size of a regular file, 0 for everything else
 * @param linkTarget the target of a symlink (as written) or of a hardlink (normalised), else null
 */
public record LayerEntry(String path, EntryKind kind, long size, String linkTarget) {
  public LayerEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    if (size < 0 || (size > 0 && kind != EntryKind.FILE)) {
      throw new IllegalArgumentException("only regular files have content bytes: " + path + " " + kind + " " + size);
    }
  }

  public static LayerEntry file(String path, long size) {
    return new LayerEntry(path, EntryKind.FILE, size, null);
  }

  public static LayerEntry directory(String path) {
    return new LayerEntry(path, EntryKind.DIRECTORY, 0, null);
  }

  public static LayerEntry symlink(String path, String target) {
    return new LayerEntry(path, EntryKind.SYMLINK, 0, target);
  }

  public static LayerEntry hardlink(String path, String target) {
    return new LayerEntry(path, EntryKind.HARDLINK, 0, target);
  }

  public static LayerEntry whiteout(String path) {
    return new LayerEntry(path, EntryKind.WHITEOUT, 0, null);
  }

  public static LayerEntry opaque(String dir) {
    return new LayerEntry(dir, EntryKind.OPAQUE, 0, null);
  }
}
