package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Duplicate keys are found at any position of objects of any size, and only duplicates. */
class DuplicateKeysTest {

  private static final JsonFactory JSON = new JsonFactory();

  /** {@code n} keys, the one at {@code repeat} (if not -1) the same as the first; every key's hash has the same low six bits. */
  private static List<String> keys(int n, int repeat) {
    List<String> out = new ArrayList<>();
    for (int i = 0; out.size() < n; i++) {
      String k = "k" + i;
      if ((k.hashCode() & 63) == ("k0".hashCode() & 63)) {
        out.add(k);
      }
    }
    if (repeat >= 0) {
      out.set(repeat, out.get(0));
    }
    return out;
  }

  private static String object(List<String> keys) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < keys.size(); i++) {
      b.append(i == 0 ? "" : ",").append('"').append(keys.get(i)).append("\":{\"a\":1,\"b\":[").append(i).append("]}");
    }
    return b.append('}').toString();
  }

  private static void skipped(String json) throws IOException {
    try (JsonParser p = JSON.createParser("[" + json + "," + json.replace("\"k", "\"j") + "]")) {
      p.nextToken();
      new DuplicateKeys().skip(p);
    }
  }

  private static void walked(String json) throws IOException {
    try (JsonParser p = JSON.createParser(json)) {
      p.nextToken();
      DuplicateKeys.ObjectKeys keys = new DuplicateKeys.ObjectKeys().reset();
      String name;
      while ((name = p.nextFieldName()) != null) {
        keys.add(p, name);
        p.nextToken();
        p.skipChildren();
      }
      assertThat(p.currentToken()).isEqualTo(JsonToken.END_OBJECT);
    }
  }

  @Test
  void keysWhoseHashesShareTheirLowBits_areNotDuplicates_atAnySize() throws IOException {
    for (int n : new int[] {1, 2, 23, 24, 25, 26, 60}) {
      skipped(object(keys(n, -1)));
      walked(object(keys(n, -1)));
    }
  }

  @Test
  void aRepeatedKey_isFound_atEveryPositionOfSmallAndLargeObjects() {
    for (int n : new int[] {2, 3, 24, 25, 26, 60}) {
      for (int at = 1; at < n; at++) {
        String json = object(keys(n, at));
        assertThatThrownBy(() -> skipped(json)).as(n + " keys, repeated at " + at).isInstanceOf(JsonParseException.class)
            .hasMessageContaining("Duplicate field 'k");
        assertThatThrownBy(() -> walked(json)).as(n + " keys, repeated at " + at).isInstanceOf(JsonParseException.class)
            .hasMessageContaining("Duplicate field 'k");
      }
    }
  }
}
