package io.deployguard.docker.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A buffered {@link ByteInput} over a file channel (skips are seeks, as {@code tar -t} does) or
 * over any stream (skips read and discard).
 */
final class BufferedInput extends ByteInput {

  /** Where the bytes come from. */
  private interface Source {
    int read(byte[] b, int off, int len) throws IOException;

    /** Skips up to n bytes past what was read; returns how many (fewer only at the end). */
    long skip(long n, byte[] scratch) throws IOException;

    void close() throws IOException;
  }

  private static final int SIZE = 64 * 1024;
  /**
   * After a seek only the next header is known to be wanted: read one block, so that listing a
   * layer of large files reads little more than its headers (as tar -t does).
   */
  private static final int AFTER_SEEK = 512;

  private final Source source;
  private final byte[] buf = new byte[SIZE];
  private int pos;
  private int lim;
  private long consumed;
  private boolean seeked;

  private BufferedInput(Source source) {
    this.source = source;
  }

  static BufferedInput of(FileChannel channel) throws IOException {
    long size = channel.size();
    return new BufferedInput(new Source() {
      private long at;
      /** The last array read into, wrapped once: one header is one read, not one allocation too. */
      private ByteBuffer wrapped = ByteBuffer.allocate(0);

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (at >= size) {
          return -1;
        }
        if (wrapped.array() != b) {
          wrapped = ByteBuffer.wrap(b);
        }
        wrapped.limit(off + len).position(off);
        int n = channel.read(wrapped, at);
        if (n > 0) {
          at += n;
        }
        return n;
      }

      @Override
      public long skip(long n, byte[] scratch) {
        long k = Math.min(n, size - at);
        at += k;
        return k;
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    });
  }

  static BufferedInput of(InputStream in) {
    return new BufferedInput(new Source() {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return in.read(b, off, len);
      }

      @Override
      public long skip(long n, byte[] scratch) throws IOException {
        long left = n;
        while (left > 0) {
          int r = in.read(scratch, 0, (int) Math.min(scratch.length, left));
          if (r < 0) {
            break;
          }
          left -= r;
        }
        return n - left;
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    });
  }

  @Override
  long position() {
    return consumed;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos == lim) {
      if (len >= SIZE) {
        int n = source.read(b, off, len);
        if (n > 0) {
          consumed += n;
        }
        return n;
      }
      if (!fill(1)) {
        return -1;
      }
    }
    int n = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    consumed += n;
    return n;
  }

  @Override
  void skipExactly(long n) throws IOException {
    int inBuffer = (int) Math.min(n, lim - pos);
    pos += inBuffer;
    consumed += inBuffer;
    long rest = n - inBuffer;
    if (rest > 0) {
      long skipped = source.skip(rest, buf);
      pos = 0;
      lim = 0;
      seeked = true;
      consumed += skipped;
      if (skipped < rest) {
        throw new EOFException("unexpected end of data after " + consumed + " bytes");
      }
    }
  }

  @Override
  int peek(byte[] b, int len) throws IOException {
    fill(len);
    int n = Math.min(len, lim - pos);
    System.arraycopy(buf, pos, b, 0, n);
    return n;
  }

  /** Makes at least {@code want} bytes available unless the source ends; false when none are. */
  private boolean fill(int want) throws IOException {
    if (lim - pos >= want) {
      return true;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    int chunk = seeked ? AFTER_SEEK : SIZE;
    seeked = false;
    while (lim < want) {
      int n = source.read(buf, lim, Math.max(want - lim, Math.min(chunk, SIZE - lim)));
      if (n < 0) {
        break;
      }
      lim += n;
    }
    return lim > pos;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
