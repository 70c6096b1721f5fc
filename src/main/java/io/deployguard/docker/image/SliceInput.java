package io.deployguard.docker.image;

import java.io.EOFException;
import java.io.IOException;

/**
 * The next {@code length} bytes of another {@link ByteInput}: the content of one tar entry. A
 * reader of a tar uses one slice for all its entries, {@linkplain #start started} again at each.
 */
final class SliceInput extends ByteInput {
  private final ByteInput parent;
  private long length;
  private long done;

  SliceInput(ByteInput parent) {
    this.parent = parent;
  }

  /** Makes this the next {@code length} bytes of the parent, from where it is now. */
  SliceInput start(long length) {
    this.length = length;
    this.done = 0;
    return this;
  }

  long remaining() {
    return length - done;
  }

  @Override
  long position() {
    return done;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (done >= length) {
      return -1;
    }
    int n = parent.read(b, off, (int) Math.min(len, length - done));
    if (n < 0) {
      throw new EOFException("unexpected end of data: " + (length - done) + " bytes of this entry are missing");
    }
    done += n;
    return n;
  }

  @Override
  void skipExactly(long n) throws IOException {
    if (n > length - done) {
      throw new EOFException("cannot skip past the end of the entry");
    }
    parent.skipExactly(n);
    done += n;
  }

  @Override
  int peek(byte[] b, int len) throws IOException {
    return parent.peek(b, (int) Math.min(len, length - done));
  }

  /** Skips what the reader of this slice left unread. */
  void skipRest() throws IOException {
    skipExactly(length - done);
  }

  @Override
  public void close() {
    // the parent owns the stream
  }
}
