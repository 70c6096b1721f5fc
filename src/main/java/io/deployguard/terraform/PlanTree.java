package io.deployguard.terraform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.deployguard.policy.Surrogates;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds the planned values of one resource as a small tree that {@link PlanValue} reads: an
 * object is {@link Fields}, a list an {@code Object[]}, a string a {@link String}, a boolean a
 * {@link Boolean}, a whole number a {@link Long} or {@link java.math.BigInteger}, any other number
 * a {@link BigDecimal}, and JSON null {@link #NULL}. A plan has tens of thousands of such trees;
 * Jackson's nodes cost a linked hash map per object and a node per value. Duplicate keys are
 * rejected as the reader rejects them elsewhere.
 */
final class PlanTree {

  /** JSON {@code null}; an absent key is Java {@code null}. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** An object's keys and values, in document order. */
  static final class Fields {
    private final String[] names;
    private final Object[] values;

    private Fields(String[] names, Object[] values) {
      this.names = names;
      this.values = values;
    }

    /**
     * The value of {@code name}, or {@code null} when the object has no such key. The parser
     * interns the keys it reads, as Java does the names the extractors ask for, so they are
     * compared as references first.
     */
    Object get(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i] == name) {
          return values[i];
        }
      }
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return values[i];
        }
      }
      return null;
    }

    boolean isEmpty() {
      return names.length == 0;
    }
  }

  /** Keys compared one by one up to this many in an object; a hash set beyond. */
  private static final int LINEAR_LIMIT = 24;

  /** Keys and values of the objects and lists being built, innermost last. */
  private Object[] stack = new Object[256];
  /** The hash of the key at {@code stack[i]}, at {@code hashes[i / 2]}. */
  private int[] hashes = new int[128];
  private int top;

  /**
   * The text of the parser's current string. A {@code \\uD800}-style escape of half a
   * UTF-16 surrogate pair, alone, is no character: such a string would be written out as {@code ?}
   * or stop a report, so it is refused where it is read.
   */
  static String text(JsonParser p) throws IOException {
    String s = p.getText();
    int lone = Surrogates.lone(s);
    if (lone >= 0) {
      throw new JsonParseException(p, "a string holds " + Surrogates.describe(s, lone));
    }
    return s;
  }

  /** The tree of the value at the parser's current token {@code t}, read up to its end. */
  Object build(JsonParser p, JsonToken t) throws IOException {
    top = 0;
    return value(p, t);
  }

  private Object value(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        int start = top;
        Set<String> many = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
          Object v = value(p, p.nextToken());
          // The keys' hashes are kept beside them: C1 inlines no call of String.hashCode.
          int h = name.hashCode();
          if (many != null) {
            if (!many.add(name)) {
              throw DuplicateKeys.duplicate(p, name);
            }
          } else {
            for (int i = start; i < top; i += 2) {
              if (hashes[i >> 1] == h && stack[i].equals(name)) {
                throw DuplicateKeys.duplicate(p, name);
              }
            }
            if (top - start == 2 * LINEAR_LIMIT) {
              many = new HashSet<>();
              for (int i = start; i < top; i += 2) {
                many.add((String) stack[i]);
              }
              many.add(name);
            }
          }
          if (top >> 1 >= hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
          }
          hashes[top >> 1] = h;
          push(name);
          push(v);
        }
        int n = (top - start) / 2;
        String[] names = new String[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
          names[i] = (String) stack[start + 2 * i];
          values[i] = stack[start + 2 * i + 1];
        }
        Arrays.fill(stack, start, top, null);
        top = start;
        return new Fields(names, values);
      }
      case START_ARRAY -> {
        int start = top;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          push(value(p, e));
        }
        Object[] elements = Arrays.copyOfRange(stack, start, top);
        Arrays.fill(stack, start, top, null);
        top = start;
        return elements;
      }
      case VALUE_STRING -> {
        return text(p);
      }
      case VALUE_NUMBER_INT -> {
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        try {
          return p.getDecimalValue();
        } catch (NumberFormatException e) {
          // An exponent beyond what BigDecimal holds (1e-2222...2): no plan attribute means that.
          throw new JsonParseException(p, "the number " + abbreviated(p.getText()) + " is out of range");
        }
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return NULL;
      }
      default -> throw new IllegalStateException("unexpected token " + t);
    }
  }

  private void push(Object o) {
    if (top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    stack[top++] = o;
  }

  private static String abbreviated(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
