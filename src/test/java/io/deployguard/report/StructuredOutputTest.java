package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The report models as JSON: what Jackson's data binding writes for them, byte for byte. */
class StructuredOutputTest {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Sparse(@JsonProperty("$schema") String schema, String absent, Integer line, List<Dense> items,
      Map<String, String> tags, Empty empty) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Dense(String text, String missing, int count, long big, boolean on, Boolean off, Integer none,
      List<String> nothing, Map<String, Dense> nested) {}

  record Empty() {}

  record Unsupported(double score) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  record NonEmpty(String text) {}

  private static String written(Object model) throws Exception {
    StringWriter out = new StringWriter();
    StructuredOutput.write(model, out);
    return out.toString();
  }

  /** The data binding set up as the reports were written with it before. */
  private static String bound(Object model) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator("");
    return mapper.writer(new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter))
        .writeValueAsString(model) + "\n";
  }

  @Test
  void aModel_isWrittenAsJacksonsDataBindingWritesIt() throws Exception {
    Map<String, Dense> nested = new LinkedHashMap<>();
    nested.put("z first", new Dense("inner", null, 0, 0, false, null, null, List.of(), Map.of()));
    nested.put("a second", null);
    Map<String, String> tags = new TreeMap<>(Map.of("b", "2", "a", "quote \" backslash \\ tab \t \u001b \u00e9 \u2028"));
    Sparse model = new Sparse("https://example.com/schema.json", null, 12,
        List.of(new Dense("caf\u00e9\n\"x\"", null, -3, 1L << 40, true, false, null, List.of("a", "b"), nested)),
        tags, new Empty());

    assertThat(written(model)).isEqualTo(bound(model));
    assertThat(written(List.of())).isEqualTo(bound(List.of())).isEqualTo("[]\n");
    assertThat(written(new Sparse(null, null, null, null, null, null))).isEqualTo(bound(new Sparse(null, null, null,
        null, null, null))).isEqualTo("{}\n");
  }

  @Test
  void aValueOutsideTheModelRules_isRefusedNamingWhatToUse() {
    assertThatThrownBy(() -> written(new Unsupported(1.5)))
        .hasMessageContaining("java.lang.Double").hasMessageContaining("use a record, list, map, string");
    assertThatThrownBy(() -> written(new NonEmpty("x")))
        .hasMessageContaining("@JsonInclude(NON_EMPTY) is not supported").hasMessageContaining("ALWAYS or NON_NULL");
  }

  @Test
  void theWriter_isLeftOpen_andTheDocumentEndsWithANewline() throws Exception {
    StringWriter out = new StringWriter();
    StructuredOutput.write(List.of("a"), out);
    out.write("after");
    assertThat(out.toString()).isEqualTo("[\n  \"a\"\n]\nafter");
  }
}
