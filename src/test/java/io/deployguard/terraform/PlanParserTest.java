package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.deployguard.policy.InputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanParser#skipPlain} gives what skipping token by token gives: the same state after the
 * value (token, line, column, offset, and every token after it) or the same error at the same
 * place, for valid and broken JSON, with the buffer cut at every byte.
 */
class PlanParserTest {

  private static JsonFactory plan(int buffer) {
    return PlanReader.factory(buffer);
  }

  /** Buffer sizes: tiny ones cut values everywhere; the real one takes most values whole. */
  private static final int[] BUFFERS = {5, 8, 13, 64, PlanParser.BUFFER};

  /** What skipping the value of {@code "v"} gives, and whether the plan parser skipped it itself. */
  private record Outcome(String text, long skipped) {}

  /**
   * @param tokens whether to hide the plan parser behind a delegate, so that the skip walks every
   *     token: the parser with the same buffer is then the reference, as Jackson's locations at the
   *     end of input depend on the buffer
   */
  private static Outcome read(JsonFactory f, byte[] json, boolean tokens) {
    StringBuilder out = new StringBuilder();
    long skipped = 0;
    try (InputStream in = new StrictUtf8(new ByteArrayInputStream(json), "t.json", () -> new ByteArrayInputStream(json));
        JsonParser parser = f.createParser(in)) {
      JsonParser p = tokens ? new JsonParserDelegate(parser) : parser;
      try {
        p.nextToken();
        p.nextFieldName();
        p.nextToken();
        new DuplicateKeys().skip(p);
        out.append("after skip: ");
        state(p, out, json.length);
        while (p.nextToken() != null) {
          state(p, out, json.length);
        }
      } finally {
        skipped = parser instanceof PlanParser pp ? pp.skipped : 0;
      }
    } catch (JsonProcessingException e) {
      out.append(" error: ").append(e.getOriginalMessage()).append(" at ").append(at(e.getLocation()));
    } catch (InputException e) {
      out.append(" input error: ").append(e.getMessage());
    } catch (IOException e) {
      out.append(" io error: ").append(e.getMessage());
    }
    return new Outcome(out.toString(), skipped);
  }

  private static void state(JsonParser p, StringBuilder out, int length) throws IOException {
    out.append(p.currentToken());
    // Once the input has ended, Jackson places a field name by where its buffer happened to
    // start (it leaves the name's offset out when it adds up the bytes read), so not compared.
    boolean ended = p.currentLocation().getByteOffset() >= length;
    if (p.currentToken() == JsonToken.FIELD_NAME) {
      out.append('=').append(p.currentName());
    }
    out.append(" token ").append(ended && p.currentToken() == JsonToken.FIELD_NAME ? "-" : at(p.currentTokenLocation())).append(" now ").append(at(p.currentLocation()))
        .append(" depth ").append(p.getParsingContext().getNestingDepth()).append("; ");
  }

  private static String at(JsonLocation l) {
    return l == null ? "-" : l.getLineNr() + ":" + l.getColumnNr() + "@" + l.getByteOffset();
  }

  /** The document {@code value} is skipped in: a field before it, and tokens after it to compare. */
  private static byte[] document(String value) {
    return ("{\"v\":" + value + ", \"after\" : [1, {\"x\": \"y\"}]\r\n, \"z\":true}").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Asserts that with every buffer size the skip gives what walking the tokens gives; returns the
   * bytes skipped with the real buffer.
   */
  private static long sameAsJackson(byte[] json) {
    long skipped = 0;
    for (int buffer : BUFFERS) {
      JsonFactory f = plan(buffer);
      Outcome expected = read(f, json, true);
      assertThat(expected.skipped()).isZero();
      Outcome got = read(f, json, false);
      assertThat(got.text()).as("buffer %d, input %s", buffer, new String(json, StandardCharsets.UTF_8))
          .isEqualTo(expected.text());
      skipped = got.skipped();
    }
    return skipped;
  }

  private static final List<String> VALID = List.of(
      "{}", "[]", "{ }", "[\t]", "[[],{}]",
      "{\"a\":1,\"b\":-0.5e+10,\"c\":1E-2,\"d\":0,\"e\":-0,\"f\":123456789012345678901234567890}",
      "{\"s\":\"plain\",\"e\":\"q\\\"b\\\\s\\/f\\bf\\fn\\nr\\rt\\tu\\u00e9\\uD83D\\uDE00\",\"x\":\"\"}",
      "{\"ü\":\"ä€😀\",\"u\":\"\\u00fc\"}",
      "[true,false,null,\"true\",{\"t\":true,\"f\":false,\"n\":null}]",
      "{\r\n  \"a\" : [ 1 ,\n 2 ] ,\r \"b\":\r\n{\"c\"\n:\"d\"}\n}",
      "{\"\":1,\"a\":{\"\":2}}",
      "{\"policy\":\"{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[]}\"}",
      "[{\"a\":1},{\"a\":1},{\"a\":[{\"a\":1}]}]",
      "{\"a1234567\":1,\"a1234568\":2,\"a12345678\":3,\"a123456789abcdef\":4,\"a123456789abcdeg\":5}");

  @Test
  void firstMarked_isTheIndexOfTheLowestMarkedByte_forEveryMarking() {
    for (int marks = 1; marks < 256; marks++) {
      long found = 0;
      for (int k = 0; k < 8; k++) {
        if ((marks >> k & 1) != 0) {
          found |= 0x80L << (8 * k);
        }
      }
      assertThat(PlanParser.firstMarked(found)).as("marks %s", Integer.toBinaryString(marks))
          .isEqualTo(Long.numberOfTrailingZeros(found) >>> 3);
    }
  }

  @Test
  void validValues_areSkippedByThePlanParserAsJacksonSkipsThem() {
    for (String v : VALID) {
      long skipped = sameAsJackson(document(v));
      assertThat(skipped).as(v).isGreaterThan(0);
    }
  }

  private static final List<String> BROKEN = List.of(
      "{", "[", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "{,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}",
      "[01]", "[-]", "[1.]", "[.5]", "[+1]", "[1e]", "[1e+]", "[-a]", "[1x]", "[0x10]", "[NaN]", "[Infinity]",
      "[tru]", "[truex]", "[nul]", "[nulll]", "[fals]", "[True]", "[\"a\u0001\"]", "[\"a\u001f\"]", "{\"\u001f\":1}", "[\"tab\there\"]",
      "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u12G4\"]", "[\"open]", "{\"a\u0002\":1}", "{\"k\\\"q\":1,\"k\\\"q\":2}",
      "[1}", "{\"a\":1]", "[1]]", "{\"a\":1}}", "[/*c*/1]", "[#c\n1]", "['a']", "{a:1}", "[1,\u000b2]",
      "[\u00a01]", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"c\":2,\"b\":3}}", "[{\"x\":[{\"y\":1,\"y\":1}]}]",
      "{\"é\":1,\"é\":2}", "{\"\\u0061\":1,\"a\":2}");

  @Test
  void brokenValues_getJacksonsErrorAtJacksonsPlace() {
    for (String v : BROKEN) {
      sameAsJackson(document(v));
    }
  }

  @Test
  void aRepeatedKey_isFoundInObjectsOfAnySize() {
    for (int n : new int[] {2, 15, 16, 17, 18, 40, 100, 300}) {
      for (int repeat : new int[] {-1, 1, n / 2, n - 1}) {
        StringBuilder b = new StringBuilder("[{\"pad\":[1,2]},{");
        for (int i = 0; i < n; i++) {
          b.append(i == 0 ? "" : ",").append("\"key").append(i == repeat ? 0 : i).append("\":").append(i);
        }
        b.append("}]");
        long skipped = sameAsJackson(document(b.toString()));
        if (repeat < 0) {
          assertThat(skipped).as("%d keys", n).isGreaterThan(0);
        }
      }
    }
  }

  @Test
  void nestingNearTheLimit_isLeftToJacksonAndItsError() {
    for (int depth : new int[] {10, 250, 253, 254, 255, 256, 257, 300}) {
      sameAsJackson(document("[".repeat(depth) + "]".repeat(depth)));
      sameAsJackson(document("{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
    }
  }

  @Test
  void longNumbersAndKeys_areLeftToJacksonAndItsLimits() {
    for (int digits : new int[] {49, 50, 51, 99, 100, 101, 200}) {
      sameAsJackson(document("[" + "7".repeat(digits) + "]"));
      sameAsJackson(document("[1." + "5".repeat(digits) + "]"));
    }
    for (int length : new int[] {1023, 1024, 1025, 70_000}) {
      sameAsJackson(document("{\"" + "k".repeat(length) + "\":1}"));
    }
  }

  @Test
  void aValueLongerThanTheBuffer_isWalkedAndItsPartsSkipped() throws IOException {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < 5000; i++) {
      b.append(i == 0 ? "" : ",").append("{\"address\":\"aws_thing.r").append(i).append("\",\"values\":{\"a\":[1,2,3],\"s\":\"")
          .append("x".repeat(i % 97)).append("\"}}");
    }
    String big = b.append("]").toString();
    assertThat(big.length()).isGreaterThan(PlanParser.BUFFER);
    long skipped = sameAsJackson(document(big));
    assertThat(skipped).isGreaterThan(big.length() * 9L / 10);
    String broken = big.substring(0, big.length() - 5000) + "\"dup\":1," + big.substring(big.length() - 5000);
    sameAsJackson(document(broken.replace("{\"address\":\"aws_thing.r4990\"", "{\"address\":1,\"address\":\"x\"")));
  }

  @Test
  void anEndOfInputInsideTheValue_isJacksonsError() {
    byte[] whole = document("{\"a\":[1,{\"b\":\"cdef\"},true]}");
    for (int cut = 5; cut < whole.length; cut++) {
      byte[] part = java.util.Arrays.copyOf(whole, cut);
      sameAsJackson(part);
    }
  }

  @Test
  void malformedUtf8_isTheCheckersErrorAtItsPlace() {
    sameAsJackson(document("{\"a\":\"x\u00e9y\"}").clone());
    byte[] doc = document("{\"a\":\"xZZy\",\"b\":1}");
    for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0}, {(byte) 0xFF, 'a'}, {(byte) 0xE2, 'a'}}) {
      byte[] copy = doc.clone();
      int at = new String(copy, StandardCharsets.ISO_8859_1).indexOf("ZZ");
      copy[at] = bad[0];
      copy[at + 1] = bad[1];
      sameAsJackson(copy);
    }
  }

  /** Random values, half of them with a byte or two changed: both ways agree on every one. */
  @Test
  void randomAndDamagedValues_getTheSameOutcomeBothWays() {
    Random random = new Random(20261201);
    int damaged = 0;
    for (int n = 0; n < 3000; n++) {
      StringBuilder b = new StringBuilder();
      value(random, b, 0, random.nextBoolean());
      byte[] json = document(b.toString());
      if (random.nextBoolean()) {
        json = damage(random, json);
        damaged++;
      }
      sameAsJackson(json);
    }
    assertThat(damaged).isGreaterThan(1000);
  }

  private static final String[] KEYS = {"a", "b", "cidr_blocks", "from_port", "to_port", "tags", "é", "ключ", "a\\\"b", "k1234567", "k12345678"};
  private static final String[] STRINGS = {"", "x", "0.0.0.0/0", "tab\\t", "quote\\\"", "\\u00e9", "ü€😀", "\\\\", "a/b", "long string of text here"};
  private static final String[] NUMBERS = {"0", "-0", "7", "-12", "3.25", "1e9", "-2.5E-3", "12345678901234567890", "0.000001"};

  private static void value(Random r, StringBuilder b, int depth, boolean object) {
    space(r, b);
    if (depth < 5 && r.nextInt(3) > 0) {
      b.append(object ? '{' : '[');
      int n = r.nextInt(r.nextInt(8) == 0 ? 30 : 5);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          b.append(',');
        }
        space(r, b);
        if (object) {
          // Distinct keys mostly; a repeat now and then.
          String key = r.nextInt(12) == 0 ? KEYS[0] : KEYS[r.nextInt(KEYS.length)] + i;
          b.append('"').append(key).append('"');
          space(r, b);
          b.append(':');
        }
        value(r, b, depth + 1, r.nextBoolean());
      }
      space(r, b);
      b.append(object ? '}' : ']');
    } else {
      switch (r.nextInt(4)) {
        case 0 -> b.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append('"');
        case 1 -> b.append(NUMBERS[r.nextInt(NUMBERS.length)]);
        case 2 -> b.append(r.nextBoolean() ? "true" : "false");
        default -> b.append("null");
      }
    }
    space(r, b);
  }

  private static void space(Random r, StringBuilder b) {
    if (r.nextInt(4) == 0) {
      b.append(new String[] {" ", "\t", "\n", "\r", "\r\n", "  \n "}[r.nextInt(6)]);
    }
  }

  private static final byte[] DAMAGE = "{}[],:\"\\ 0123456789.eE+-tfnul\r\n\t\u0001x".getBytes(StandardCharsets.ISO_8859_1);

  private static byte[] damage(Random r, byte[] json) {
    List<Byte> bytes = new ArrayList<>();
    for (byte x : json) {
      bytes.add(x);
    }
    for (int k = 1 + r.nextInt(2); k > 0; k--) {
      // Within the value: after {"v": and before the fields that follow it.
      int at = 5 + r.nextInt(Math.max(1, bytes.size() - 45));
      byte with = DAMAGE[r.nextInt(DAMAGE.length)];
      switch (r.nextInt(3)) {
        case 0 -> bytes.add(at, with);
        case 1 -> bytes.remove(at);
        default -> bytes.set(at, with);
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }
}
