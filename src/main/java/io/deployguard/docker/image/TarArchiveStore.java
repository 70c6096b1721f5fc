package io.deployguard.docker.image;

import io.deployguard.policy.InputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads an image archive ({@code docker save} output, legacy or OCI-style, or an OCI archive) in
 * one pass. The manifest may come after the layers (it does in {@code docker save} and {@code
 * podman save} output), so every member that looks like a layer is read into its entry table as
 * it streams by, keyed by its name; small members are kept as bytes; symlinks are recorded. Which
 * members form the image is decided afterwards, from the manifest. Nothing is written to disk;
 * memory grows with the number of files in the layers, not with their bytes.
 */
final class TarArchiveStore implements BlobStore {

  private static final int MAX_SMALL = 4 << 20;
  private static final int MAX_LINK_HOPS = 40;

  private final String input;
  private final String remedy;
  private final Map<String, List<LayerEntry>> layers = new HashMap<>();
  private final Map<String, byte[]> small = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  private final Map<String, BlobException> broken = new HashMap<>();
  private final Set<String> large = new HashSet<>();

  private TarArchiveStore(String input, String remedy) {
    this.input = input;
    this.remedy = remedy;
  }

  /**
   * Reads the whole archive.
   *
   * @param remedy what to tell the user to do when the archive is broken
   * @throws InputException when the archive itself is not a readable tar
   */
  static TarArchiveStore read(ByteInput root, String input, String remedy, ReadLimits limits, Progress progress) {
    TarArchiveStore store = new TarArchiveStore(input, remedy);
    try {
      store.pass(root, limits, progress);
    } catch (TarReader.TarException e) {
      throw new InputException(input, "byte " + e.offset(), e.getMessage(), remedy, e);
    } catch (EOFException e) {
      throw new InputException(input, "byte " + root.position(), "the archive is truncated", remedy, e);
    } catch (IOException e) {
      throw new InputException(input, "byte " + root.position(), "cannot read: " + e.getMessage(), remedy, e);
    }
    return store;
  }

  private void pass(ByteInput root, ReadLimits limits, Progress progress) throws IOException {
    ByteInput tarBytes = root;
    InputStream inflater = null;
    LayerDecoder.Kind kind = LayerDecoder.sniff(root);
    if (kind == LayerDecoder.Kind.GZIP) {
      // docker save | gzip is accepted by docker load; accept it too.
      inflater = new GZIPInputStream(LayerDecoder.shielded(root), 65536);
      // The archive is guarded like its layers: a small gzip must not inflate into terabytes.
      tarBytes = BufferedInput.of(LayerDecoder.guarded(inflater, root, limits.maxCompressionRatio()));
    } else if (kind == LayerDecoder.Kind.OTHER) {
      throw new InputException(input, "byte 0",
          root.peek(new byte[1], 1) == 0 ? "the file is empty" : "not a tar archive", remedy);
    } else if (kind == LayerDecoder.Kind.ZSTD) {
      throw new InputException(input, "byte 0", "a zstd-compressed archive", "decompress it first (zstd -d)");
    }
    TarReader tar = new TarReader(tarBytes);
    long metadataBytes = 0;
    long entries = 0;
    int layerCount = 0;
    TarReader.Entry e;
    while ((e = tar.next()) != null) {
      progress.bytes(root.position());
      String name;
      try {
        name = ArchivePaths.normalize(e.name(), false);
      } catch (ArchivePaths.BadPath bad) {
        throw new InputException(input, "byte " + e.offset(), "member " + bad.getMessage(),
            "refused: an image archive never names files outside itself; " + remedy);
      }
      switch (e.type()) {
        case '2' -> links.put(name, e.linkName().startsWith("/") ? e.linkName()
            : ArchivePaths.join(ArchivePaths.parent(name), e.linkName()));
        case '1' -> links.put(name, "/" + e.linkName());
        case '0', '7' -> {
          ByteInput content = tar.content();
          LayerDecoder.Kind k = e.size() == 0 ? LayerDecoder.Kind.OTHER : LayerDecoder.sniff(content);
          if (k != LayerDecoder.Kind.OTHER) {
            progress.layer(++layerCount);
            try {
              List<LayerEntry> decoded = LayerDecoder.decode(content, limits, progress, root::position);
              entries += decoded.size();
              if (entries > limits.maxEntries()) {
                throw new InputException(input, name, limits.entriesMessage(), remedy);
              }
              layers.put(name, decoded);
            } catch (BlobException bad) {
              // Only an error if the manifest uses this member; an unused broken blob is harmless.
              broken.put(name, bad);
            }
          } else if (e.size() <= MAX_SMALL) {
            metadataBytes += e.size();
            if (metadataBytes > limits.maxMetadataBytes()) {
              throw new InputException(input, name, "more than " + limits.maxMetadataBytes()
                  + " bytes of small non-layer files: not an image archive", remedy);
            }
            byte[] b = new byte[(int) e.size()];
            content.readExactly(b, 0, b.length);
            small.put(name, b);
          } else {
            large.add(name);
          }
        }
        default -> {
          // directories and special files carry nothing an image needs
        }
      }
    }
    if (inflater != null) {
      tarBytes.drain();
      inflater.close();
    }
    progress.bytes(root.position());
  }

  @Override
  public String input() {
    return input;
  }

  @Override
  public String remedy() {
    return remedy;
  }

  @Override
  public boolean contains(String name) {
    return resolveOrNull(name) != null;
  }

  /** Follows symlinks; null when the name or its target is not in the archive. */
  private String resolveOrNull(String name) {
    String at = name;
    for (int hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      if (small.containsKey(at) || layers.containsKey(at) || broken.containsKey(at) || large.contains(at)) {
        return at;
      }
      String target = links.get(at);
      if (target == null) {
        return null;
      }
      try {
        at = ArchivePaths.resolve(target);
      } catch (ArchivePaths.BadPath bad) {
        throw new InputException(input, at, "symlink " + bad.getMessage(), remedy);
      }
    }
    throw new InputException(input, name, "symlink loop (more than " + MAX_LINK_HOPS + " links)", remedy);
  }

  private String resolve(String name, String referencedFrom) {
    String at = resolveOrNull(name);
    if (at == null) {
      throw new InputException(input, referencedFrom, "'" + name + "' is not in the archive", "the archive is "
          + "incomplete; " + remedy);
    }
    return at;
  }

  @Override
  public byte[] metadata(String name, String referencedFrom) {
    String at = resolve(name, referencedFrom);
    byte[] b = small.get(at);
    if (b == null) {
      throw new InputException(input, at, "is not a small JSON file (referenced from " + referencedFrom + ")", remedy);
    }
    return b;
  }

  @Override
  public List<LayerEntry> layer(String name, String referencedFrom, int index, int count) {
    String at = resolve(name, referencedFrom);
    BlobException bad = broken.get(at);
    if (bad != null) {
      throw new InputException(input, at + (bad.place().isEmpty() ? "" : ": " + bad.place()),
          "layer " + index + " of " + count + ": " + bad.getMessage(), remedy);
    }
    List<LayerEntry> entries = layers.get(at);
    if (entries == null) {
      throw new InputException(input, at, "layer " + index + " of " + count
          + " is not a tar, gzip or zstd stream (referenced from " + referencedFrom + ")", remedy);
    }
    return entries;
  }
}
