package io.deployguard.docker.image;

import io.deployguard.policy.InputException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * An OCI image layout directory ({@code oci:DIR}): files are opened as the manifest names them,
 * each layer read once, straight from its blob. A name that resolves outside the directory
 * (through a symlink) is refused.
 */
final class DirectoryStore implements BlobStore {
  private static final long MAX_METADATA = 4 << 20;

  private final Path root;
  private final String input;
  private final ReadLimits limits;
  private final Progress progress;
  private long done;

  DirectoryStore(Path root, String input, ReadLimits limits, Progress progress) {
    this.root = root;
    this.input = input;
    this.limits = limits;
    this.progress = progress;
  }

  @Override
  public String input() {
    return input;
  }

  @Override
  public String remedy() {
    return "write the layout again (podman push IMAGE oci:DIR, skopeo copy ... oci:DIR)";
  }

  @Override
  public boolean contains(String name) {
    return Files.isRegularFile(root.resolve(name));
  }

  private Path file(String name, String referencedFrom) {
    Path p = root.resolve(name);
    try {
      Path real = p.toRealPath();
      if (!real.startsWith(root.toRealPath())) {
        throw new InputException(input, name, "resolves outside the layout directory (to " + real + ")",
            "refused; " + remedy());
      }
      if (!Files.isRegularFile(real)) {
        throw new InputException(input, name, "is not a regular file", remedy());
      }
      return real;
    } catch (NoSuchFileException e) {
      throw new InputException(input, referencedFrom, "'" + name + "' is not in the layout",
          "the layout is incomplete; " + remedy());
    } catch (IOException e) {
      throw new InputException(input, name, "cannot read: " + e.getMessage(), remedy());
    }
  }

  @Override
  public byte[] metadata(String name, String referencedFrom) {
    Path p = file(name, referencedFrom);
    try {
      if (Files.size(p) > MAX_METADATA) {
        throw new InputException(input, name, "is " + Files.size(p) + " bytes: too large for a manifest or config",
            remedy());
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new InputException(input, name, "cannot read: " + e.getMessage(), remedy());
    }
  }

  @Override
  public List<LayerEntry> layer(String name, String referencedFrom, int index, int count) {
    Path p = file(name, referencedFrom);
    progress.layer(index);
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      BufferedInput in = BufferedInput.of(ch);
      long base = done;
      List<LayerEntry> entries;
      try {
        entries = LayerDecoder.decode(in, limits, progress, () -> base + in.position());
      } catch (BlobException e) {
        throw new InputException(input, name + (e.place().isEmpty() ? "" : ": " + e.place()),
            "layer " + index + " of " + count + ": " + e.getMessage(), remedy());
      }
      done += ch.size();
      progress.bytes(done);
      return entries;
    } catch (EOFException e) {
      throw new InputException(input, name, "layer " + index + " of " + count + " is truncated", remedy());
    } catch (IOException e) {
      throw new InputException(input, name, "cannot read: " + e, remedy(), e);
    }
  }
}
