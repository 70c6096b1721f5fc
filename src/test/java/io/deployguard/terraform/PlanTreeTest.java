package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The trees the reader builds of the values it reads, and the repeated keys it refuses in them. */
class PlanTreeTest {

  private static Object build(PlanTree tree, String json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      return tree.build(p, p.nextToken());
    }
  }

  /** An object of {@code n} keys {@code k0...}, with key {@code at} named as key 0 (none when -1). */
  private static String object(int n, int at) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("\"k").append(i == at ? 0 : i).append("\":").append(i);
    }
    return b.append('}').toString();
  }

  @Test
  void aRepeatedKey_isRefused_atEveryPosition_atEveryDepth_andAfterListElements() throws IOException {
    PlanTree tree = new PlanTree();
    for (int n : new int[] {2, 3, 9, 24, 25, 40}) {
      for (int at = 1; at < n; at++) {
        String repeated = object(n, at);
        // As an element after an odd and an even number of others, inside objects of their own.
        for (String json : new String[] {repeated, "{\"a\":[1," + repeated + "]}", "{\"a\":[1,2," + repeated + "],\"b\":1}",
            "{\"x\":{\"y\":[" + object(3, -1) + "," + repeated + "]}}"}) {
          assertThatThrownBy(() -> build(tree, json)).as(json).isInstanceOf(JsonParseException.class)
              .hasMessageContaining("Duplicate field 'k0'");
        }
      }
    }
  }

  @Test
  void keysRepeatedOnlyAcrossObjects_areNoRepeat_andTheTreeHoldsEveryValue() throws IOException {
    PlanTree tree = new PlanTree();
    String json = "{\"k0\":[" + object(9, -1) + "," + object(9, -1) + ",{\"k0\":{\"k0\":1}}],\"k1\":" + object(30, -1) + "}";
    PlanTree.Fields top = (PlanTree.Fields) build(tree, json);

    Object[] list = (Object[]) top.get("k0");
    assertThat(list).hasSize(3);
    assertThat(((PlanTree.Fields) list[1]).get("k8")).isEqualTo(8L);
    assertThat(((PlanTree.Fields) ((PlanTree.Fields) list[2]).get("k0")).get("k0")).isEqualTo(1L);
    assertThat(((PlanTree.Fields) top.get("k1")).get("k29")).isEqualTo(29L);
    // A key spelled out at run time, not the parser's own copy, is found too.
    assertThat(top.get(new String("k1".toCharArray()))).isSameAs(top.get("k1"));
  }
}
