package io.deployguard.jenkins.core;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;

/**
 * Passes the child process's output on line by line, as it comes, with every occurrence of a
 * secret (the AWS keys a step binds from {@code credentialsId}) replaced by {@code ****}. A line
 * is held back only until its end (or until it is long), never until the process ends, so the
 * text report appears in the build log as it is written; a secret split across writes is still masked.
 */
public final class SecretMasker extends FilterOutputStream {
  static final byte[] MASK = "****".getBytes(StandardCharsets.US_ASCII);
  /** A line longer than this is passed on in parts (still masked, keeping a secret's length back). */
  static final int HOLD_LIMIT = 8192;

  private final byte[][] secrets;
  private final int longest;
  private byte[] buffer = new byte[256];
  private int length;

  /** Masks {@code secrets} (empty and blank ones ignored) in what is written to {@code out}. */
  public SecretMasker(OutputStream out, Collection<String> secrets) {
    super(out);
    this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isBlank())
        .map(s -> s.getBytes(StandardCharsets.UTF_8))
        .sorted(Comparator.comparingInt((byte[] b) -> b.length).reversed())
        .toArray(byte[][]::new);
    this.longest = this.secrets.length == 0 ? 1 : this.secrets[0].length;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    if (length == buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    buffer[length++] = (byte) b;
    if (b == '\n') {
      drain(true);
      out.flush();
    } else if (length >= HOLD_LIMIT) {
      drain(false);
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    for (int i = off; i < off + len; i++) {
      write(b[i]);
    }
  }

  /** Passes on complete lines only: a partial line may still end in a secret. */
  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    drain(true);
    out.flush();
    // The build log belongs to the build, not to this stream.
  }

  /**
   * Writes out the buffer, masked. Unless {@code all}, the last {@code longest - 1} bytes stay:
   * a secret starting there may not be complete yet, while one starting before is.
   */
  private void drain(boolean all) throws IOException {
    int limit = all ? length : length - longest + 1;
    int i = 0;
    int plainFrom = 0;
    while (i < limit) {
      byte[] secret = secretAt(i);
      if (secret == null) {
        i++;
        continue;
      }
      out.write(buffer, plainFrom, i - plainFrom);
      out.write(MASK);
      i += secret.length;
      plainFrom = i;
    }
    int end = Math.max(i, plainFrom);
    out.write(buffer, plainFrom, Math.min(end, length) - plainFrom);
    int rest = length - Math.min(end, length);
    System.arraycopy(buffer, length - rest, buffer, 0, rest);
    length = rest;
  }

  private byte[] secretAt(int i) {
    for (byte[] secret : secrets) {
      if (i + secret.length <= length && Arrays.equals(buffer, i, i + secret.length, secret, 0, secret.length)) {
        return secret;
      }
    }
    return null;
  }
}
