package io.deployguard.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes the typed report models as JSON: two-space indentation, {@code \n} line ends on every
 * platform, {@code "key": value}, a final newline, and the caller's writer left open (it may be
 * standard output).
 *
 * <p>A model is a record whose components are strings, numbers, booleans, lists, maps with string
 * keys, or records again. A record's components are written in their order, under the name its
 * {@link JsonProperty} gives, a null one left out when the record is annotated {@link
 * JsonInclude.Include#NON_NULL} and written as {@code null} otherwise, as Jackson's data binding
 * writes them. Jackson's streaming generator writes the JSON: its data binding costs a short run
 * hundreds of classes to load and compile for what these few rules do.
 */
final class StructuredOutput {
  private static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final DefaultPrettyPrinter PRINTER = createPrinter();
  private static final Map<Class<?>, Property[]> PROPERTIES = new ConcurrentHashMap<>();
  /** An accessor takes none; one array for every call instead of one per call. */
  private static final Object[] NO_ARGUMENTS = {};

  private StructuredOutput() {}

  static void write(Object model, Writer out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      // The printer keeps the depth it is at: one of its own for each document.
      g.setPrettyPrinter(PRINTER.createInstance());
      value(g, model);
    }
    out.write('\n');
  }

  /** A record component as written: its name in the JSON, how to read it, whether a null one is left out. */
  private record Property(String name, Method accessor, boolean omitNull) {}

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Record r) {
      record(g, r);
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(g, item);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof Integer i) {
      g.writeNumber(i);
    } else if (v instanceof Long l) {
      g.writeNumber(l);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      throw new IllegalArgumentException("a report model holds a " + v.getClass().getName()
          + ": use a record, list, map, string, int, long or boolean (StructuredOutput)");
    }
  }

  private static void record(JsonGenerator g, Record r) throws IOException {
    g.writeStartObject();
    Property[] properties = PROPERTIES.get(r.getClass());
    if (properties == null) {
      properties = PROPERTIES.computeIfAbsent(r.getClass(), StructuredOutput::properties);
    }
    for (Property p : properties) {
      Object v;
      try {
        v = p.accessor().invoke(r, NO_ARGUMENTS);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + r.getClass().getName() + "." + p.accessor().getName(), e);
      }
      if (v != null || !p.omitNull()) {
        g.writeFieldName(p.name());
        value(g, v);
      }
    }
    g.writeEndObject();
  }

  private static Property[] properties(Class<?> type) {
    JsonInclude include = type.getAnnotation(JsonInclude.class);
    JsonInclude.Include inclusion = include == null ? JsonInclude.Include.ALWAYS : include.value();
    if (inclusion != JsonInclude.Include.ALWAYS && inclusion != JsonInclude.Include.NON_NULL) {
      throw new IllegalArgumentException(type.getName() + ": @JsonInclude(" + inclusion
          + ") is not supported by StructuredOutput (use ALWAYS or NON_NULL)");
    }
    RecordComponent[] components = type.getRecordComponents();
    Property[] properties = new Property[components.length];
    for (int i = 0; i < components.length; i++) {
      Method accessor = components[i].getAccessor();
      if (accessor.isAnnotationPresent(JsonInclude.class)) {
        throw new IllegalArgumentException(type.getName() + "." + accessor.getName()
            + ": @JsonInclude on a component is not supported by StructuredOutput (put it on the record)");
      }
      // @JsonProperty cannot target a record component: Java puts it on the accessor.
      JsonProperty renamed = accessor.getAnnotation(JsonProperty.class);
      String name = renamed == null || renamed.value().isEmpty() ? components[i].getName() : renamed.value();
      properties[i] = new Property(name, accessor, inclusion == JsonInclude.Include.NON_NULL);
    }
    return properties;
  }

  private static DefaultPrettyPrinter createPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    return new DefaultPrettyPrinter(separators)
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }
}
