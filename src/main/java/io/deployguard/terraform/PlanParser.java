package io.deployguard.terraform;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Jackson's UTF-8 parser that can also skip a whole object or list by itself ({@link
 * #skipPlain}), which is most of what the plan reader does with a plan: the parts it does not read
 * are checked byte by byte for the JSON grammar and for duplicate keys, without making tokens,
 * names or contexts.
 *
 * <p>The skip only ever accepts what Jackson would accept and leaves the parser in the state
 * Jackson's own tokens would: at the value's closing token, at the same line and column. Anything
 * it is not sure of (an error, an escaped key or one over 1 KB, an object with a repeated key, a
 * number near the length limit, nesting near the depth limit, a value longer than the buffer) makes
 * it give up with the parser still at the value's start, and the caller reads the value token by
 * token: so every error is Jackson's, or the reader's, at the place it always was.
 *
 * <p>Its bytes are UTF-8 that {@link StrictUtf8} has checked, which is what lets keys be compared
 * byte for byte: every byte the skip accepts came before any byte that check refused.
 */
final class PlanParser extends UTF8StreamJsonParser {

  /** The read buffer: a value that fits in it can be skipped whole. */
  static final int BUFFER = 256 * 1024;

  /** Nesting at which the skip leaves the value to Jackson, below {@link PlanReader#CONSTRAINTS}. */
  private static final int MAX_DEPTH = PlanReader.CONSTRAINTS.getMaxNestingDepth() - 1;
  /** Longest number the skip takes, far below the constraints' limit. */
  private static final int MAX_NUMBER = 50;
  /** Longest key the skip takes, far below the constraints' limit. */
  private static final int MAX_KEY = 1024;
  /** Keys of one object compared one by one; an object with more gets a hash table. */
  private static final int LINEAR_KEYS = 16;

  private static final int FAIL = -1;
  private static final int MORE = -2;

  private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;
  /*
   * In a word w, with q = w ^ QUOTES and e = w ^ BACKSLASHES, the "special" bytes are marked by
   * (((q - ONES) & ~q) | ((e - ONES) & ~e) | ((w - SPACES) & ~w)) & HIGH: the high bit of each byte
   * that is a quote, a backslash or below 0x20. The lowest one set is exact (a borrow only marks
   * bytes after a true one); bytes of 0x80 and above, parts of UTF-8 characters, are never marked.
   * It is written out where it is used: C1 inlines no method that long.
   */
  private static final long QUOTES = 0x2222222222222222L;
  private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
  private static final long SPACES = 0x2020202020202020L;
  /** An odd constant with well-spread bits (2^64 divided by the golden ratio), to mix key words. */
  private static final long MIX = 0x9E3779B97F4A7C15L;

  /** A {@link JsonFactory} whose parsers for UTF-8 byte streams are {@code PlanParser}s. */
  static final class Factory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    private final int buffer;

    /** @param buffer the read buffer's size: tests make it small, to cut values at every byte */
    Factory(JsonFactoryBuilder b, int buffer) {
      super(b);
      this.buffer = buffer;
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext ctxt) throws IOException {
      byte[] buf = new byte[Math.max(buffer, 4)];
      int n = in.readNBytes(buf, 0, 4);
      // Four bytes, none zero and none a byte-order mark's first: Jackson would take UTF-8 without
      // a mark, as here. Anything else goes to Jackson's own detection of the encoding.
      if (n == 4 && buf[0] != 0 && buf[1] != 0 && buf[2] != 0 && buf[3] != 0
          && buf[0] != (byte) 0xEF && buf[0] != (byte) 0xFE && buf[0] != (byte) 0xFF) {
        ctxt.setEncoding(JsonEncoding.UTF8);
        return new PlanParser(ctxt, _parserFeatures, in, _byteSymbolCanonicalizer.makeChild(_factoryFeatures), buf, n);
      }
      return super._createParser(new SequenceInputStream(new ByteArrayInputStream(buf, 0, n), in), ctxt);
    }
  }

  private PlanParser(IOContext ctxt, int features, InputStream in,
      com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer sym, byte[] buf, int end) {
    super(ctxt, features, in, null, sym, buf, 0, end, 0, false);
  }

  /** Bytes skipped by {@link #skipPlain}, for tests. */
  long skipped;

  /** Lines and the start of the last one, found by the last scan. */
  private int scanLines;
  private int scanRowStart;

  /** Whether each open level of the scan is an object. */
  private final boolean[] objects = new boolean[MAX_DEPTH + 2];
  /** Where each open object's keys start in the key table, and how many it has. */
  private final int[] levelStart = new int[MAX_DEPTH + 2];
  private final int[] levelCount = new int[MAX_DEPTH + 2];
  /** Each open object's hash table of keys (index + 1), once it has more than {@link #LINEAR_KEYS}. */
  private final int[][] tables = new int[MAX_DEPTH + 2][];
  private final boolean[] hashed = new boolean[MAX_DEPTH + 2];
  /** One bit per key hash of each open object: a key whose bit is clear is new. */
  private final long[] filters = new long[MAX_DEPTH + 2];
  /** The keys of the open objects: where each starts in the buffer, its length and hash. */
  private int[] keyAt = new int[256];
  private int[] keyLength = new int[256];
  private int[] keyHash = new int[256];

  /**
   * At the START_OBJECT or START_ARRAY of a value, skips to its END_OBJECT or END_ARRAY when the
   * value is plain JSON without repeated keys, as {@link #skipChildren} would; false, and the
   * parser still at the value's start, when it leaves the value to be read token by token.
   */
  boolean skipPlain() throws IOException {
    JsonToken t = _currToken;
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return false;
    }
    boolean object = t == JsonToken.START_OBJECT;
    int room = MAX_DEPTH - _parsingContext.getNestingDepth();
    for (;;) {
      int end = scan(_inputBuffer, _inputPtr, _inputEnd, object, room);
      if (end >= 0) {
        skipped += end - _inputPtr;
        close(end, object);
        return true;
      }
      if (end == FAIL || !readOn()) {
        return false;
      }
    }
  }

  /** The keys of a resource change that {@link #skipChange} looks at, in {@link #headerAt}'s order. */
  private static final byte[][] HEADER = {
      "address".getBytes(StandardCharsets.US_ASCII), "type".getBytes(StandardCharsets.US_ASCII),
      "mode".getBytes(StandardCharsets.US_ASCII), "change".getBytes(StandardCharsets.US_ASCII)};
  private static final int ADDRESS = 0;
  private static final int TYPE = 1;
  private static final int MODE = 2;
  private static final int CHANGE = 3;

  /** Whether the scan notes where the values of {@link #HEADER}'s keys start in the outer object. */
  private boolean header;
  /** Where the value of each of {@link #HEADER}'s keys starts, or -1. */
  private final int[] headerAt = new int[HEADER.length];

  /**
   * At the START_OBJECT of an element of {@code resource_changes}, skips it whole, as {@link
   * #skipPlain}, when the reader would only check it and leave it: plain JSON whose {@code
   * "address"} and {@code "mode"} (if any) are strings without {@code \\u} escapes (the reader
   * refuses half a surrogate pair in them), whose {@code "type"} is a string without escapes and
   * none of {@code read}, and whose {@code "change"} is an object after the type (one before it is
   * read before the type is known). Else false, with the parser still at the element's start,
   * for the reader to read it.
   *
   * @param read the types the reader reads, as UTF-8
   */
  boolean skipChange(byte[][] read) throws IOException {
    if (_currToken != JsonToken.START_OBJECT) {
      return false;
    }
    int room = MAX_DEPTH - _parsingContext.getNestingDepth();
    header = true;
    readTypes = read;
    try {
      for (;;) {
        int end = scan(_inputBuffer, _inputPtr, _inputEnd, true, room);
        if (end >= 0) {
          if (!unread(_inputBuffer)) {
            return false;
          }
          skipped += end - _inputPtr;
          close(end, true);
          return true;
        }
        if (end == FAIL || !readOn()) {
          return false;
        }
      }
    } finally {
      header = false;
    }
  }

  /** The types {@link #skipChange} leaves to the reader, while it scans. */
  private byte[][] readTypes;

  /** Whether the value at {@code at} is a string naming one of {@link #readTypes}. */
  private boolean isRead(byte[] b, int at, int end) {
    for (byte[] name : readTypes) {
      int close = at + 1 + name.length;
      if (close < end && b[at] == '"' && b[close] == '"' && Arrays.equals(b, at + 1, close, name, 0, name.length)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the scanned resource change, of a type not read, is one {@link #skipChange} may skip. */
  private boolean unread(byte[] b) {
    int type = headerAt[TYPE];
    int change = headerAt[CHANGE];
    if (type < 0 || headerAt[ADDRESS] < 0 || change < type || b[change] != '{'
        || !unescaped(b, headerAt[ADDRESS], (byte) 'u') || (headerAt[MODE] >= 0 && !unescaped(b, headerAt[MODE], (byte) 'u'))) {
      return false;
    }
    // A type the reader reads made the scan stop (isRead); an escaped one is compared by the reader.
    return unescaped(b, type, ANY_ESCAPE);
  }

  /** For {@link #unescaped}: a string with any escape is refused. */
  private static final byte ANY_ESCAPE = 0;

  /**
   * Whether the value at {@code at} is a string without the escape {@code \\refused} ({@code u}:
   * half a surrogate pair, which the reader refuses in it, could hide there), or without any escape
   * when {@code refused} is {@link #ANY_ESCAPE}. The scan has checked every escape.
   */
  private static boolean unescaped(byte[] b, int at, byte refused) {
    if (b[at] != '"') {
      return false;
    }
    for (int i = at + 1; ; i++) {
      if (b[i] == '"') {
        return true;
      }
      if (b[i] == '\\' && (refused == ANY_ESCAPE || b[++i] == refused)) {
        return false;
      }
    }
  }

  /** Which of {@link #HEADER}'s keys the key at {@code start} is, or -1. */
  private static int headerField(byte[] b, int start, int length) {
    for (int k = 0; k < HEADER.length; k++) {
      if (HEADER[k].length == length && Arrays.equals(b, start, start + length, HEADER[k], 0, length)) {
        return k;
      }
    }
    return -1;
  }

  /** The state after the closing byte before {@code end}, as Jackson's nextToken() leaves it. */
  private void close(int end, boolean object) throws IOException {
    _inputPtr = end;
    if (scanLines > 0) {
      _currInputRow += scanLines;
      _currInputRowStart = scanRowStart;
    }
    _tokenInputRow = _currInputRow;
    _tokenInputTotal = _currInputProcessed + end;
    _tokenInputCol = end - _currInputRowStart;
    _parsingContext = _parsingContext.clearAndGetParent();
    _binaryValue = null;
    _numTypesValid = NR_UNKNOWN;
    _updateToken(object ? JsonToken.END_OBJECT : JsonToken.END_ARRAY);
  }

  /**
   * Keeps the unread bytes, moved to the buffer's start, and reads more after them; false when the
   * buffer is full of them or the input has ended. Jackson's position fields move with the bytes,
   * so the parser reads on as before.
   */
  private boolean readOn() throws IOException {
    if (_inputStream == null) {
      return false;
    }
    int from = _inputPtr;
    int keep = _inputEnd - from;
    if (from > 0) {
      System.arraycopy(_inputBuffer, from, _inputBuffer, 0, keep);
      _currInputProcessed += from;
      _currInputRowStart -= from;
      // As Jackson's own loading does; it places only a field name by it.
      _nameStartOffset -= from;
      _inputPtr = 0;
      _inputEnd = keep;
      _streamReadConstraints.validateDocumentLength(_currInputProcessed);
    }
    if (keep == _inputBuffer.length) {
      return false;
    }
    int n = _inputStream.read(_inputBuffer, keep, _inputBuffer.length - keep);
    if (n <= 0) {
      return false;
    }
    _inputEnd = keep + n;
    return true;
  }

  /**
   * Checks the rest of the value whose opening byte is just before {@code i}: the offset after its
   * closing byte, {@link #MORE} when it goes past {@code end}, or {@link #FAIL} when the skip
   * leaves it to Jackson. Each turn of the loop reads one member of an object or element of a
   * list, then what follows it: a comma, or closing brackets up to the next comma.
   *
   * @param room how many levels deeper than the value may be opened
   */
  private int scan(byte[] b, int i, int end, boolean object, int room) {
    scanLines = 0;
    if (header) {
      Arrays.fill(headerAt, -1);
    }
    int depth = 0;
    int keys = 0;
    boolean inObject = object;
    objects[0] = object;
    levelStart[0] = 0;
    levelCount[0] = 0;
    hashed[0] = false;
    filters[0] = 0;
    if ((i = space(b, i, end)) < 0) {
      return i;
    }
    if (b[i] == (inObject ? '}' : ']')) {
      return i + 1;
    }
    for (;;) {
      // At a member or element, after any space.
      if (inObject) {
        if (b[i] != '"') {
          return FAIL;
        }
        int start = ++i;
        // Hashed a word at a time, so that equal keys hash alike wherever they lie; a key that
        // ends within a word of the buffer's end is scanned again with more bytes.
        long h = 0;
        for (;;) {
          if (i + 8 > end) {
            return MORE;
          }
          long w = (long) WORDS.get(b, i);
          long q = w ^ QUOTES;
          long e = w ^ BACKSLASHES;
          // The special bytes (see QUOTES).
          long found = (((q - ONES) & ~q) | ((e - ONES) & ~e) | ((w - SPACES) & ~w)) & HIGH;
          if (found == 0) {
            h = (h ^ w) * MIX;
            i += 8;
            continue;
          }
          int n = firstMarked(found);
          if (b[i + n] != '"') {
            return FAIL;
          }
          if (n > 0) {
            h = (h ^ (w & ((1L << (n << 3)) - 1))) * MIX;
          }
          i += n;
          break;
        }
        int length = i - start;
        if (length > MAX_KEY || !addKey(b, depth, keys, start, length, (int) (h ^ (h >>> 32)))) {
          return FAIL;
        }
        keys++;
        int field = header && depth == 0 ? headerField(b, start, length) : -1;
        if ((i = space(b, i + 1, end)) < 0) {
          return i;
        }
        if (b[i] != ':') {
          return FAIL;
        }
        if ((i = space(b, i + 1, end)) < 0) {
          return i;
        }
        if (field >= 0) {
          headerAt[field] = i;
          if (field == TYPE && isRead(b, i, end)) {
            // The reader reads this one: no need to look further.
            return FAIL;
          }
        }
      }
      // A value. Strings, most of them, skip the call through scalar(): C1 inlines neither.
      byte c = b[i];
      if (c == '{' || c == '[') {
        if (depth + 1 > room) {
          return FAIL;
        }
        depth++;
        inObject = c == '{';
        objects[depth] = inObject;
        levelStart[depth] = keys;
        levelCount[depth] = 0;
        hashed[depth] = false;
        filters[depth] = 0;
        if ((i = space(b, i + 1, end)) < 0) {
          return i;
        }
        if (b[i] != (inObject ? '}' : ']')) {
          continue;
        }
        // An empty object or list: closed below.
      } else if ((i = c == '"' ? string(b, i + 1, end) : scalar(b, i, end, c)) < 0) {
        return i;
      } else if ((i = space(b, i, end)) < 0) {
        return i;
      }
      // After a value: a comma, or the close of its object or list (and perhaps of those around).
      for (;;) {
        c = b[i];
        if (c == ',') {
          if ((i = space(b, i + 1, end)) < 0) {
            return i;
          }
          break;
        }
        if (c != (inObject ? '}' : ']')) {
          return FAIL;
        }
        if (depth == 0) {
          return i + 1;
        }
        keys = levelStart[depth];
        depth--;
        inObject = objects[depth];
        if ((i = space(b, i + 1, end)) < 0) {
          return i;
        }
      }
    }
  }

  /**
   * The offset of the first byte from {@code i} on that is not white space, counting lines as
   * Jackson does (LF, CR and CR LF each end one); MORE when there is none before {@code end}.
   * Terraform writes no space between tokens, so the byte at {@code i} nearly always is one: this
   * method is short enough for C1 to inline, and calls {@link #spaces} only for the rest.
   */
  private int space(byte[] b, int i, int end) {
    return i < end && b[i] > ' ' ? i : spaces(b, i, end);
  }

  /** {@link #space}, past the white space at {@code i}. */
  private int spaces(byte[] b, int i, int end) {
    while (i < end) {
      byte c = b[i];
      if (c > ' ') {
        return i;
      }
      if (c == ' ' || c == '\t') {
        i++;
      } else if (c == '\n') {
        i++;
        scanLines++;
        scanRowStart = i;
      } else if (c == '\r') {
        if (i + 1 >= end) {
          return MORE;
        }
        i += b[i + 1] == '\n' ? 2 : 1;
        scanLines++;
        scanRowStart = i;
      } else {
        // A control character, or a byte of 0x80 and above (negative): not space, so an error.
        return i;
      }
    }
    return MORE;
  }

  /**
   * A string, number, true, false or null at {@code i}: the offset after it, MORE or FAIL. What
   * follows is the caller's: only space, a comma or a closing bracket may, as Jackson requires.
   */
  private static int scalar(byte[] b, int i, int end, byte c) {
    if (c == '"') {
      return string(b, i + 1, end);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number(b, i, end);
    }
    return switch (c) {
      case 't' -> literal(b, i, end, TRUE);
      case 'f' -> literal(b, i, end, FALSE);
      case 'n' -> literal(b, i, end, NULL);
      default -> FAIL;
    };
  }

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private static int literal(byte[] b, int i, int end, byte[] word) {
    if (i + word.length > end) {
      return MORE;
    }
    for (int k = 0; k < word.length; k++) {
      if (b[i + k] != word[k]) {
        return FAIL;
      }
    }
    return i + word.length;
  }

  /** A number as RFC 8259 writes it (no leading zeros, no bare point, no plus). */
  private static int number(byte[] b, int i, int end) {
    int start = i;
    if (b[i] == '-') {
      i++;
    }
    if (i >= end) {
      return MORE;
    }
    if (b[i] == '0') {
      i++;
    } else if (b[i] >= '1' && b[i] <= '9') {
      i = digits(b, i + 1, end);
    } else {
      return FAIL;
    }
    if (i < end && b[i] == '.') {
      i = someDigits(b, i + 1, end);
    }
    if (i >= 0 && i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      i = someDigits(b, i, end);
    }
    if (i < 0) {
      return i;
    }
    if (i - start > MAX_NUMBER) {
      return FAIL;
    }
    return i;
  }

  /** One digit or more at {@code i}: the offset after them, MORE or FAIL. */
  private static int someDigits(byte[] b, int i, int end) {
    if (i >= end) {
      return MORE;
    }
    if (b[i] < '0' || b[i] > '9') {
      return FAIL;
    }
    return digits(b, i + 1, end);
  }

  private static int digits(byte[] b, int i, int end) {
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }

  /** The rest of a string after its opening quote: the offset after it, MORE or FAIL. */
  private static int string(byte[] b, int i, int end) {
    for (;;) {
      if (i + 8 <= end) {
        // Eight bytes at a time while none is a quote, a backslash or a control character.
        long w = (long) WORDS.get(b, i);
        long q = w ^ QUOTES;
        long e = w ^ BACKSLASHES;
        // The special bytes (see QUOTES).
        long found = (((q - ONES) & ~q) | ((e - ONES) & ~e) | ((w - SPACES) & ~w)) & HIGH;
        if (found == 0) {
          i += 8;
          continue;
        }
        i += firstMarked(found);
      } else if (i >= end) {
        return MORE;
      }
      byte c = b[i];
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        if (i + 1 >= end) {
          return MORE;
        }
        switch (b[i + 1]) {
          case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i += 2;
          case 'u' -> {
            if (i + 6 > end) {
              return MORE;
            }
            for (int k = i + 2; k < i + 6; k++) {
              byte h = b[k];
              if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'))) {
                return FAIL;
              }
            }
            i += 6;
          }
          default -> {
            return FAIL;
          }
        }
      } else if (c >= 0 && c < 0x20) {
        return FAIL;
      } else {
        i++;
      }
    }
  }

  /**
   * The index of the byte whose high bit is the lowest one set in {@code found} (not 0), as
   * {@code Long.numberOfTrailingZeros(found) >>> 3} gives it: that isolated bit, moved to the low
   * bit of its byte, times a constant whose byte {@code 7 - k} is {@code k}, leaves the index in
   * the top byte. C1 compiles numberOfTrailingZeros as calls that test the bits half by half, a
   * tenth of the skip.
   */
  static int firstMarked(long found) {
    return (int) ((((found & -found) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  /** Adds the key at {@code start} to the object at {@code depth}; false when it has it already. */
  private boolean addKey(byte[] b, int depth, int top, int start, int length, int h) {
    if (top == keyAt.length) {
      keyAt = Arrays.copyOf(keyAt, top * 2);
      keyLength = Arrays.copyOf(keyLength, top * 2);
      keyHash = Arrays.copyOf(keyHash, top * 2);
    }
    keyAt[top] = start;
    keyLength[top] = length;
    keyHash[top] = h;
    int first = levelStart[depth];
    int count = levelCount[depth]++;
    if (!hashed[depth]) {
      long bit = 1L << h;
      if ((filters[depth] & bit) != 0) {
        for (int k = first; k < top; k++) {
          if (keyHash[k] == h && sameKey(b, k, top)) {
            return false;
          }
        }
      }
      filters[depth] |= bit;
      if (count + 1 <= LINEAR_KEYS) {
        return true;
      }
      hashed[depth] = true;
      int[] table = tables[depth];
      if (table == null || table.length < 4 * LINEAR_KEYS) {
        table = new int[4 * LINEAR_KEYS];
        tables[depth] = table;
      } else {
        Arrays.fill(table, 0);
      }
      for (int k = first; k <= top; k++) {
        insert(table, k);
      }
      return true;
    }
    int[] table = tables[depth];
    if (2 * (count + 1) > table.length) {
      table = new int[table.length * 2];
      tables[depth] = table;
      for (int k = first; k < top; k++) {
        insert(table, k);
      }
    }
    int mask = table.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int k = table[slot] - 1;
      if (k < 0) {
        table[slot] = top + 1;
        return true;
      }
      if (keyHash[k] == h && sameKey(b, k, top)) {
        return false;
      }
    }
  }

  /** Puts key {@code k}, known to differ from those in the table, into it. */
  private void insert(int[] table, int k) {
    int mask = table.length - 1;
    int slot = keyHash[k] & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = k + 1;
  }

  private boolean sameKey(byte[] b, int k, int top) {
    int a = keyAt[k];
    int c = keyAt[top];
    int n = keyLength[top];
    return keyLength[k] == n && Arrays.equals(b, a, a + n, b, c, c + n);
  }
}
