package io.deployguard.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.deployguard.policy.Limits;
import java.io.IOException;

/**
 * Reads whole numbers and decimals as Jackson does, then holds each to the {@link Limits} of the
 * key it binds. A value out of bounds fails inside Jackson, so the error carries Jackson's own
 * path to the key.
 */
final class LimitedNumbers {
  private LimitedNumbers() {}

  static SimpleModule module() {
    SimpleModule m = new SimpleModule("deployguard-limits");
    m.addDeserializer(Integer.class, new Limited<>(Integer.class,
        new NumberDeserializers.IntegerDeserializer(Integer.class, null), null));
    m.addDeserializer(Double.class, new Limited<>(Double.class,
        new NumberDeserializers.DoubleDeserializer(Double.class, null), null));
    return m;
  }

  private static final class Limited<T extends Number> extends StdDeserializer<T> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;

    private final transient JsonDeserializer<T> plain;
    private final transient Limits limits;

    Limited(Class<T> type, JsonDeserializer<T> plain, Limits limits) {
      super(type);
      this.plain = plain;
      this.limits = limits;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
      Limits l = property == null ? null : property.getAnnotation(Limits.class);
      return l == limits ? this : new Limited<>((Class<T>) handledType(), plain, l);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      T value = plain.deserialize(p, ctxt);
      String problem = value == null || limits == null ? null : Limits.Check.problem(limits, value.doubleValue());
      if (problem != null) {
        throw JsonMappingException.from(p, problem);
      }
      return value;
    }

    @Override
    public LogicalType logicalType() {
      return plain.logicalType();
    }
  }
}
