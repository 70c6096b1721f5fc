package io.deployguard.docker.image;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Turns a layer blob into its entries: recognises gzip, zstd and plain tar by their first bytes
 * (whatever the media type claims), inflates under a ratio guard, and reads the tar headers.
 */
final class LayerDecoder {
  private LayerDecoder() {}

  /** What a blob's first bytes say it is. */
  enum Kind {
    TAR,
    GZIP,
    ZSTD,
    OTHER
  }

  private static final String OPAQUE = ".wh..wh..opq";
  private static final String WHITEOUT = ".wh.";

  static Kind sniff(ByteInput blob) throws IOException {
    byte[] b = new byte[512];
    int n = blob.peek(b, 512);
    if (n >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
      return Kind.GZIP;
    }
    if (n >= 4 && (b[0] & 0xff) == 0x28 && (b[1] & 0xff) == 0xb5 && (b[2] & 0xff) == 0x2f && (b[3] & 0xff) == 0xfd) {
      return Kind.ZSTD;
    }
    if (n == 512) {
      boolean zero = true;
      for (byte x : b) {
        zero &= x == 0;
      }
      if (zero || TarReader.checksumOk(b)) {
        return Kind.TAR;
      }
    }
    return Kind.OTHER;
  }

  /**
   * Reads a layer blob.
   *
   * @param position the source's read position, for progress
   * @throws BlobException when the blob is not a readable layer
   */
  static List<LayerEntry> decode(ByteInput blob, ReadLimits limits, Progress progress, LongSupplier position)
      throws IOException, BlobException {
    Kind kind = sniff(blob);
    InputStream unclosable = shielded(blob);
    InputStream inflater = null;
    try {
      ByteInput data = switch (kind) {
        case TAR -> blob;
        case GZIP -> {
          inflater = new GZIPInputStream(unclosable, 65536);
          yield BufferedInput.of(new InflateGuard(inflater, blob, limits.maxCompressionRatio()));
        }
        case ZSTD -> {
          inflater = zstd(unclosable);
          yield BufferedInput.of(new InflateGuard(inflater, blob, limits.maxCompressionRatio()));
        }
        case OTHER -> throw new BlobException("not a layer: neither a tar nor gzip or zstd data", "byte 0");
      };
      List<LayerEntry> entries = entries(new TarReader(data), progress, position, limits);
      if (inflater != null) {
        // Reading to the end checks the compressed stream's trailer (a cut-off stream fails here).
        data.drain();
      }
      return entries;
    } catch (InflateGuard.Bomb e) {
      throw new BlobException(e.getMessage(), "");
    } catch (TarReader.TarException e) {
      throw new BlobException(e.getMessage(), (inflater == null ? "byte " : "uncompressed byte ") + e.offset());
    } catch (EOFException e) {
      throw new BlobException((kind == Kind.TAR ? "" : kind.name().toLowerCase() + " ") + "data is truncated", "");
    } catch (ZipException e) {
      throw new BlobException("gzip data is corrupt: " + e.getMessage(), "");
    } catch (IOException e) {
      if (kind == Kind.ZSTD) {
        throw new BlobException("zstd data is corrupt: " + e.getMessage(), "");
      }
      throw e;
    } finally {
      if (inflater != null) {
        inflater.close();
      }
    }
  }

  /**
   * {@code in} with a {@code close()} that does nothing: closing an inflater frees its native
   * memory, and must not close the source it reads from with it.
   */
  static InputStream shielded(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  private static InputStream zstd(InputStream in) throws BlobException, IOException {
    try {
      return new com.github.luben.zstd.ZstdInputStreamNoFinalizer(in);
    } catch (LinkageError e) {
      throw new BlobException("zstd layers need the zstd native library, which cannot be loaded here: " + e, "");
    }
  }

  private static List<LayerEntry> entries(TarReader tar, Progress progress, LongSupplier position, ReadLimits limits)
      throws IOException, BlobException {
    List<LayerEntry> out = new ArrayList<>();
    TarReader.Entry e;
    long count = 0;
    while ((e = tar.next()) != null) {
      if ((++count & 0xff) == 0) {
        progress.bytes(position.getAsLong());
      }
      if (count > limits.maxEntries()) {
        throw new BlobException(limits.entriesMessage(), "byte " + e.offset());
      }
      LayerEntry entry = entry(e);
      if (entry != null) {
        out.add(entry);
      }
    }
    return out;
  }

  /**
   * What one tar entry is in the layer, or null for the root itself and AUFS bookkeeping. A method
   * of its own, called for every entry: the JIT compiles it after a few hundred entries, where the
   * body of a loop that runs once per layer would be interpreted until 60,000 had gone by.
   */
  private static LayerEntry entry(TarReader.Entry e) throws BlobException {
    String path;
    try {
      path = ArchivePaths.normalize(e.name(), false);
    } catch (ArchivePaths.BadPath bad) {
      throw new BlobException("entry " + bad.getMessage() + " (refused: a layer must not write outside its root)",
          "byte " + e.offset());
    }
    if (path.isEmpty()) {
      return null;
    }
    int slash = path.lastIndexOf('/');
    if (path.startsWith(WHITEOUT, slash + 1)) {
      String dir = slash < 0 ? "" : path.substring(0, slash);
      String base = path.substring(slash + 1);
      if (base.equals(OPAQUE)) {
        return LayerEntry.opaque(dir);
      }
      // .wh..wh.* other than the opaque marker are AUFS bookkeeping, not deletions.
      return base.startsWith(WHITEOUT + WHITEOUT) ? null
          : LayerEntry.whiteout(ArchivePaths.join(dir, base.substring(WHITEOUT.length())));
    }
    return switch (e.type()) {
      case '1' -> {
        try {
          yield LayerEntry.hardlink(path, ArchivePaths.normalize(e.linkName(), true));
        } catch (ArchivePaths.BadPath bad) {
          throw new BlobException("hardlink " + path + " targets " + bad.getMessage(), "byte " + e.offset());
        }
      }
      case '2' -> LayerEntry.symlink(path, e.linkName());
      case '5', 'D' -> LayerEntry.directory(path);
      case '3', '4', '6' -> new LayerEntry(path, EntryKind.OTHER, 0, null);
      // Regular, contiguous, GNU sparse and (as POSIX says) unknown types are files.
      default -> LayerEntry.file(path, e.size());
    };
  }

  /** {@code inflated} read from {@code compressed}, stopped when it inflates more than {@code ratio} times. */
  static InputStream guarded(InputStream inflated, ByteInput compressed, int ratio) {
    return new InflateGuard(inflated, compressed, ratio);
  }

  /** Counts what comes out of an inflater and stops at an implausible ratio. */
  private static final class InflateGuard extends FilterInputStream {
    /** The ratio was exceeded. */
    static final class Bomb extends IOException {
      private static final long serialVersionUID = 1L;

      Bomb(String m) {
        super(m);
      }
    }

    private final ByteInput compressed;
    private final int ratio;
    private long out;

    InflateGuard(InputStream inflated, ByteInput compressed, int ratio) {
      super(inflated);
      this.compressed = compressed;
      this.ratio = ratio;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws Bomb {
      out += n;
      long in = Math.max(1, compressed.position());
      if (out > ReadLimits.RATIO_CHECK_AFTER && out / in > ratio) {
        throw new Bomb("compressed data inflates more than " + ratio + " times (" + in + " bytes became over "
            + out + "): refused as a decompression bomb (raise image.max_compression_ratio if the layer is genuine)");
      }
    }
  }
}
