package io.deployguard.terraform;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Duplicate-key detection for the plan reader, without allocating per object: the keys of each
 * open object are kept in a reused table and compared linearly, which for the few keys of a
 * typical object is cheaper than hashing; objects with many keys (large maps) switch to a hash
 * set. {@link #skip} checks a whole skipped subtree, {@link ObjectKeys} one object that the
 * reader walks itself.
 */
final class SkippedKeys {

  private static final int LINEAR_LIMIT = 24;

  private String[] names = new String[256];
  /** Start of each open object's keys in {@link #names}, by depth; -1 for a list. */
  private int[] starts = new int[64];
  private int[] counts = new int[64];
  private Set<?>[] large = new Set<?>[64];

  /** Skips the object or list at the parser's current token, up to its end. */
  void skip(JsonParser p) throws IOException {
    int depth = 0;
    int top = 0;
    open(p.currentToken(), depth, top);
    while (depth >= 0) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return;
      }
      switch (t) {
        case FIELD_NAME -> top = add(p, depth, top, p.currentName());
        case START_OBJECT, START_ARRAY -> {
          depth++;
          open(t, depth, top);
        }
        case END_OBJECT, END_ARRAY -> {
          if (starts[depth] >= 0) {
            top = starts[depth];
          }
          large[depth] = null;
          depth--;
        }
        default -> {
          // a scalar value: nothing to track
        }
      }
    }
  }

  private void open(JsonToken t, int depth, int top) {
    if (depth == starts.length) {
      starts = Arrays.copyOf(starts, depth * 2);
      counts = Arrays.copyOf(counts, depth * 2);
      large = Arrays.copyOf(large, depth * 2);
    }
    starts[depth] = t == JsonToken.START_OBJECT ? top : -1;
    counts[depth] = 0;
    large[depth] = null;
  }

  @SuppressWarnings("unchecked")
  private int add(JsonParser p, int depth, int top, String name) throws IOException {
    Set<String> set = (Set<String>) large[depth];
    if (set != null) {
      if (!set.add(name)) {
        throw duplicate(p, name);
      }
      return top;
    }
    int start = starts[depth];
    int n = counts[depth];
    for (int i = start; i < start + n; i++) {
      if (names[i].equals(name)) {
        throw duplicate(p, name);
      }
    }
    if (n == LINEAR_LIMIT) {
      set = new HashSet<>(Arrays.asList(names).subList(start, start + n));
      set.add(name);
      large[depth] = set;
      return top;
    }
    if (top == names.length) {
      names = Arrays.copyOf(names, top * 2);
    }
    names[top] = name;
    counts[depth] = n + 1;
    return top + 1;
  }

  /**
   * The duplicate check for one object that the reader walks field by field. Reset it at the
   * object's start; one instance serves every object read at the same level.
   */
  static final class ObjectKeys {
    private String[] names = new String[LINEAR_LIMIT];
    private int count;
    private Set<String> many;

    ObjectKeys reset() {
      count = 0;
      many = null;
      return this;
    }

    /** Records {@code name}, throwing a parse error when the object already had it. */
    void add(JsonParser p, String name) throws JsonParseException {
      if (many != null) {
        if (!many.add(name)) {
          throw duplicate(p, name);
        }
        return;
      }
      for (int i = 0; i < count; i++) {
        if (names[i].equals(name)) {
          throw duplicate(p, name);
        }
      }
      if (count == LINEAR_LIMIT) {
        many = new HashSet<>(Arrays.asList(names));
        many.add(name);
        return;
      }
      names[count++] = name;
    }
  }

  static JsonParseException duplicate(JsonParser p, String name) {
    return new JsonParseException(p, "Duplicate field '" + name + "'");
  }
}
