package io.deployguard.terraform;

import io.deployguard.policy.InputException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 (RFC 3629), which the JSON
 * parser does not fully check: overlong forms ({@code C0 AF} for {@code /}), encoded surrogates
 * ({@code ED A0 80}) and code points above U+10FFFF are refused, so that two spellings of one
 * address or CIDR cannot differ byte for byte. ASCII, nearly all of a plan, is checked eight bytes
 * at a time: the line and column of a malformed byte are counted only when there is one, by reading
 * the bytes before it again.
 */
final class StrictUtf8 extends FilterInputStream {

  /** Opens the input again from its start, to count the lines before a malformed byte. */
  @FunctionalInterface
  interface Reopen {
    InputStream open() throws IOException;
  }

  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  private final String file;
  private final Reopen reopen;
  /** Offset of the next byte read, or of the malformed byte once one is found. */
  private long offset;
  /** Continuation bytes still expected, and the bounds of the next one. */
  private int pending;
  private int low = 0x80;
  private int high = 0xBF;

  /**
   * @param reopen the same bytes from the start: those before a malformed byte must have been
   *     handed out by this stream before it reports it
   */
  StrictUtf8(InputStream in, String file, Reopen reopen) {
    super(in);
    this.file = file;
    this.reopen = reopen;
  }

  private boolean binary;

  /** A malformed byte found after the bytes handed out last; reported on the next read. */
  private String failure;

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (failure != null) {
      fail(failure);
    }
    int n = super.read(buf, off, len);
    if (n < 0 && pending > 0) {
      fail("the file ends inside a character");
    }
    if (n <= 0 || binary) {
      return n;
    }
    int end = off + n;
    int pend = pending;
    for (int i = off; i < end; i++) {
      byte b = buf[i];
      if (b > 0 && pend == 0) {
        // Eight ASCII bytes at a time: no byte of a word is 0 or 0x80 and above.
        long w;
        while (i + 9 <= end && ((((w = (long) WORDS.get(buf, i + 1)) - ONES) | w) & HIGH) == 0) {
          i += 8;
        }
        continue;
      }
      if (b == 0 && pend == 0) {
        // A NUL says binary, not text: the JSON parser and its binary sniffing say so better.
        binary = true;
        break;
      }
      String why = check(b & 0xff);
      pend = pending;
      if (why != null) {
        offset += i - off;
        if (i == off) {
          fail(why);
        }
        // Hand out what came before, so that an earlier error of the document is reported first.
        failure = why;
        return i - off;
      }
    }
    offset += n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] discard = new byte[(int) Math.min(Math.max(n, 0), 8192)];
    int read = read(discard, 0, discard.length);
    return Math.max(read, 0);
  }

  /** Takes one byte of a multi-byte character; the reason it is malformed, or null. */
  private String check(int b) {
    if (pending > 0) {
      if (b < low || b > high) {
        return "byte 0x" + Integer.toHexString(b) + " cannot continue the character";
      }
      pending--;
      low = 0x80;
      high = 0xBF;
      return null;
    }
    if (b < 0xC2 || b > 0xF4) {
      return "byte 0x" + Integer.toHexString(b) + " starts no UTF-8 character (an overlong form or not UTF-8)";
    }
    pending = b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
    // The second byte's bounds exclude overlong forms, surrogates and code points past U+10FFFF.
    low = b == 0xE0 ? 0xA0 : b == 0xF0 ? 0x90 : 0x80;
    high = b == 0xED ? 0x9F : b == 0xF4 ? 0x8F : 0xBF;
    return null;
  }

  private void fail(String why) {
    throw new InputException(file, position(), "not valid UTF-8: " + why,
        "terraform writes UTF-8; regenerate the file with 'terraform show -json tfplan'");
  }

  /**
   * The line and column of the byte at {@link #offset}, counting a multi-byte character as one
   * column as the JSON parser does; the byte offset when the input cannot be read again.
   */
  private String position() {
    long line = 1;
    long column = 1;
    long left = offset;
    byte[] buf = new byte[8192];
    try (InputStream again = reopen.open()) {
      while (left > 0) {
        int n = again.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            line++;
            column = 1;
          } else if ((b & 0xC0) != 0x80) {
            column++;
          }
        }
        left -= n;
      }
    } catch (IOException e) {
      return "byte " + offset;
    }
    return left > 0 ? "byte " + offset : "line " + line + ", column " + column;
  }
}
