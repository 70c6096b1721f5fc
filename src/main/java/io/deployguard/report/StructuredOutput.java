package io.deployguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes the typed report models as JSON: two-space indentation, {@code \n} line ends on every
 * platform, {@code "key": value}, a final newline, and the caller's writer left open (it may be
 * standard output).
 */
final class StructuredOutput {
  private static final ObjectWriter WRITER = createWriter();

  private StructuredOutput() {}

  static void write(Object model, Writer out) throws IOException {
    WRITER.writeValue(out, model);
    out.write('\n');
  }

  private static ObjectWriter createWriter() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
    return mapper.writer(printer);
  }
}
