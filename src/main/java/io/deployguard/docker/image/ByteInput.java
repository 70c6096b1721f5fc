package io.deployguard.docker.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only byte stream that knows how far it is, can look ahead without consuming, and
 * skips as cheaply as its source allows (a seek on a file, a read elsewhere).
 */
abstract class ByteInput extends InputStream {

  /** Bytes consumed so far, skipped ones included. */
  abstract long position();

  /** Skips exactly {@code n} bytes. @throws EOFException when fewer are left */
  abstract void skipExactly(long n) throws IOException;

  /**
   * Copies up to {@code len} next bytes into {@code b} without consuming them; fewer only at the
   * end of the stream. {@code len} is at most 4096.
   */
  abstract int peek(byte[] b, int len) throws IOException;

  /** Reads exactly {@code len} bytes. @throws EOFException when fewer are left */
  final void readExactly(byte[] b, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      int n = read(b, off + done, len - done);
      if (n < 0) {
        throw new EOFException("unexpected end of data after " + (position()) + " bytes");
      }
      done += n;
    }
  }

  /** Reads to the end, discarding. */
  final void drain() throws IOException {
    byte[] scratch = new byte[65536];
    while (read(scratch, 0, scratch.length) >= 0) {
      // discard
    }
  }

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final long skip(long n) throws IOException {
    throw new UnsupportedOperationException("use skipExactly");
  }
}
