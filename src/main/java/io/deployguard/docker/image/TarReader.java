package io.deployguard.docker.image;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the headers of a tar stream (ustar, GNU long names, PAX) and hands out each entry's
 * content as a {@link SliceInput}; content left unread is skipped, by seeking where the source
 * allows. Malformed or truncated input is a {@link TarException} carrying the byte offset.
 */
final class TarReader {

  /** A malformed or truncated tar; {@code offset} is where in the stream it was noticed. */
  static final class TarException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    TarException(String message, long offset) {
      super(message);
      this.offset = offset;
    }

    long offset() {
      return offset;
    }
  }

  /**
   * One header.
   *
   * @param name the entry's name as written (prefix, long name and PAX path applied)
   * @param type the typeflag ({@code '0'} file, {@code '1'} hardlink, {@code '2'} symlink,
   *     {@code '5'} directory ...); {@code '\0'} is reported as {@code '0'}
   * @param size content bytes
   * @param linkName the link target, or empty
   * @param offset where the header starts in the stream
   */
  record Entry(String name, char type, long size, String linkName, long offset) {
    boolean isFile() {
      return type == '0' || type == '7';
    }
  }

  private static final int BLOCK = 512;
  private static final int MAX_META = 1 << 20;

  private final ByteInput in;
  private final byte[] header = new byte[BLOCK];
  private final SliceInput slice;
  /** The slice of the entry last returned while it is unread, else null. */
  private SliceInput current;
  private long padding;
  private boolean ended;

  TarReader(ByteInput in) {
    this.in = in;
    this.slice = new SliceInput(in);
  }

  /** The next entry, or null at the end-of-archive marker. */
  Entry next() throws IOException {
    if (ended) {
      return null;
    }
    skipCurrent();
    String longName = null;
    String longLink = null;
    Map<String, String> pax = null;
    while (true) {
      long offset = in.position();
      int got = readBlock();
      if (got == 0) {
        throw new TarException("the archive ends without its end-of-archive marker (truncated?)", offset);
      }
      if (got < BLOCK) {
        throw new TarException("truncated inside a header", offset);
      }
      if (allZero(header)) {
        ended = true;
        return null;
      }
      if (!checksumOk(header)) {
        throw new TarException("not a tar header (bad checksum)", offset);
      }
      char type = (char) header[156];
      long size = size(header, offset);
      switch (type) {
        case 'L' -> longName = metaString(size, offset);
        case 'K' -> longLink = metaString(size, offset);
        case 'x' -> pax = paxRecords(metaString(size, offset), offset);
        case 'g', 'V' -> skipContent(size);
        default -> {
          String name = name(header);
          String link = string(header, 157, 100);
          if (longName != null) {
            name = longName;
          }
          if (longLink != null) {
            link = longLink;
          }
          if (pax != null) {
            name = pax.getOrDefault("path", name);
            link = pax.getOrDefault("linkpath", link);
            if (pax.containsKey("size")) {
              try {
                size = Long.parseLong(pax.get("size"));
              } catch (NumberFormatException e) {
                throw new TarException("bad PAX size '" + pax.get("size") + "'", offset);
              }
            }
          }
          if (type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6') {
            // Header-only types carry no content whatever the size field says (as Go's reader does).
            size = 0;
          }
          if (size < 0) {
            throw new TarException("negative size", offset);
          }
          current = slice.start(size);
          padding = pad(size);
          return new Entry(name, type == 0 ? '0' : type, size, link, offset);
        }
      }
    }
  }

  /** The content of the entry {@link #next()} returned last. */
  ByteInput content() {
    return current;
  }

  private void skipCurrent() throws IOException {
    if (current != null) {
      try {
        current.skipRest();
        in.skipExactly(padding);
      } catch (EOFException e) {
        throw new TarException("truncated inside the content of an entry", in.position());
      }
      current = null;
    }
  }

  private void skipContent(long size) throws IOException {
    try {
      in.skipExactly(size + pad(size));
    } catch (EOFException e) {
      throw new TarException("truncated inside the content of an entry", in.position());
    }
  }

  private static long pad(long size) {
    long r = size % BLOCK;
    return r == 0 ? 0 : BLOCK - r;
  }

  private int readBlock() throws IOException {
    int done = 0;
    while (done < BLOCK) {
      int n = in.read(header, done, BLOCK - done);
      if (n < 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  private String metaString(long size, long offset) throws IOException {
    if (size > MAX_META) {
      throw new TarException("a long-name or PAX header of " + size + " bytes is too large", offset);
    }
    byte[] b = new byte[(int) size];
    try {
      in.readExactly(b, 0, b.length);
      in.skipExactly(pad(size));
    } catch (EOFException e) {
      throw new TarException("truncated inside a long-name or PAX header", offset);
    }
    int end = b.length;
    while (end > 0 && b[end - 1] == 0) {
      end--;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  private static Map<String, String> paxRecords(String text, long offset) throws TarException {
    Map<String, String> m = new HashMap<>();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int i = 0;
    while (i < bytes.length) {
      int sp = i;
      while (sp < bytes.length && bytes[sp] != ' ') {
        sp++;
      }
      int len;
      try {
        len = Integer.parseInt(new String(bytes, i, sp - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new TarException("malformed PAX record", offset);
      }
      // "LEN key=value\n": the length counts itself, the space and the newline.
      if (len < sp - i + 2 || i + len > bytes.length || bytes[i + len - 1] != '\n') {
        throw new TarException("malformed PAX record length", offset);
      }
      String rec = new String(bytes, sp + 1, i + len - sp - 2, StandardCharsets.UTF_8);
      int eq = rec.indexOf('=');
      if (eq > 0) {
        m.put(rec.substring(0, eq), rec.substring(eq + 1));
      }
      i += len;
    }
    return m;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether a 512-byte block is a valid tar header (checksum matches). */
  static boolean checksumOk(byte[] h) {
    long stored;
    try {
      stored = octal(h, 148, 8);
    } catch (NumberFormatException e) {
      return false;
    }
    // Eight bytes a step (a header is summed for every entry, and the client compiler does not
    // unroll loops); then the checksum field itself counts as eight spaces.
    int unsigned = 0;
    for (int i = 0; i < BLOCK; i += 8) {
      unsigned += (h[i] & 0xff) + (h[i + 1] & 0xff) + (h[i + 2] & 0xff) + (h[i + 3] & 0xff)
          + (h[i + 4] & 0xff) + (h[i + 5] & 0xff) + (h[i + 6] & 0xff) + (h[i + 7] & 0xff);
    }
    for (int i = 148; i < 156; i++) {
      unsigned += ' ' - (h[i] & 0xff);
    }
    return stored == unsigned || stored == signedSum(h);
  }

  /** The checksum as some old tars computed it, over signed bytes: looked at only when the usual one differs. */
  private static long signedSum(byte[] h) {
    long signed = 8 * ' ';
    for (int i = 0; i < BLOCK; i++) {
      if (i < 148 || i >= 156) {
        signed += h[i];
      }
    }
    return signed;
  }

  private static long size(byte[] h, long offset) throws TarException {
    if ((h[124] & 0x80) != 0) {
      // GNU base-256 for sizes of 8 GiB and more.
      if ((h[124] & 0x40) != 0) {
        throw new TarException("negative size", offset);
      }
      long v = h[124] & 0x3f;
      for (int i = 125; i < 136; i++) {
        if ((v >>> 55) != 0) {
          throw new TarException("size too large", offset);
        }
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    try {
      return octal(h, 124, 12);
    } catch (NumberFormatException e) {
      throw new TarException("bad size field", offset);
    }
  }

  private static long octal(byte[] h, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end && (h[i] == ' ' || h[i] == 0)) {
      i++;
    }
    long v = 0;
    boolean any = false;
    for (; i < end; i++) {
      byte c = h[i];
      if (c == ' ' || c == 0) {
        break;
      }
      if (c < '0' || c > '7') {
        throw new NumberFormatException("not octal");
      }
      if ((v >>> 60) != 0) {
        throw new NumberFormatException("too large");
      }
      v = (v << 3) + (c - '0');
      any = true;
    }
    if (!any) {
      return 0;
    }
    return v;
  }

  private static String name(byte[] h) {
    String name = string(h, 0, 100);
    // POSIX ustar ("ustar\0") has a prefix field; GNU ("ustar  ") uses those bytes for other things.
    if (h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' && h[262] == 0) {
      String prefix = string(h, 345, 155);
      if (!prefix.isEmpty()) {
        return prefix + "/" + name;
      }
    }
    return name;
  }

  private static String string(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    // Most entries have no link name: no new empty string for each.
    return end == off ? "" : new String(h, off, end - off, StandardCharsets.UTF_8);
  }
}
