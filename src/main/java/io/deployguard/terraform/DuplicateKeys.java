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
 * open object are kept in a reused table with their (cached) string hashes and compared linearly,
 * which for the few keys of a typical object is cheaper than a hash set; objects with many keys
 * (large maps) switch to a hash set. {@link #skip} checks a whole skipped subtree, {@link
 * ObjectKeys} one object that the reader walks itself. With a {@link PlanParser}, each skipped value
 * is first offered to {@link PlanParser#skipPlain}, which checks the same without tokens; the
 * values it leaves are walked here.
 */
final class DuplicateKeys {

  private static final int LINEAR_LIMIT = 24;

  private String[] names = new String[256];
  /** The hash of each name in {@link #names}: most keys differ in it, so equals() is rarely run. */
  private int[] hashes = new int[256];
  /** Start of each open object's keys in {@link #names}, by depth; -1 for a list. */
  private int[] starts = new int[64];
  private int[] counts = new int[64];
  private Set<?>[] large = new Set<?>[64];

  /** Skips the object or list at the parser's current token, up to its end. */
  void skip(JsonParser p) throws IOException {
    PlanParser plain = p instanceof PlanParser pp ? pp : null;
    if (plain != null && plain.skipPlain()) {
      return;
    }
    int depth = 0;
    int top = 0;
    open(p.currentToken(), depth, top);
    // Inside an object the parser's nextFieldName() reads the key and the start of its value in
    // one step, which is cheaper than two nextToken() calls.
    while (depth >= 0) {
      JsonToken t;
      if (starts[depth] >= 0) {
        String name = p.nextFieldName();
        if (name == null) {
          if (p.currentToken() != JsonToken.END_OBJECT) {
            return;
          }
          top = starts[depth];
          large[depth] = null;
          depth--;
          continue;
        }
        top = add(p, depth, top, name);
        t = p.nextToken();
      } else {
        t = p.nextToken();
        if (t == null) {
          return;
        }
        if (t == JsonToken.END_ARRAY) {
          depth--;
          continue;
        }
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        // Most values are skipped whole; this level is walked only for the one that is not.
        if (plain != null && plain.skipPlain()) {
          continue;
        }
        depth++;
        open(t, depth, top);
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
    int h = name.hashCode();
    for (int i = start; i < start + n; i++) {
      if (hashes[i] == h && names[i].equals(name)) {
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
      hashes = Arrays.copyOf(hashes, top * 2);
    }
    names[top] = name;
    hashes[top] = h;
    counts[depth] = n + 1;
    return top + 1;
  }

  /**
   * The duplicate check for one object that the reader walks field by field. Reset it at the
   * object's start; one instance serves every object read at the same level.
   */
  static final class ObjectKeys {
    private String[] names = new String[LINEAR_LIMIT];
    private final int[] hashes = new int[LINEAR_LIMIT];
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
      int h = name.hashCode();
      for (int i = 0; i < count; i++) {
        if (hashes[i] == h && names[i].equals(name)) {
          throw duplicate(p, name);
        }
      }
      if (count == LINEAR_LIMIT) {
        many = new HashSet<>(Arrays.asList(names));
        many.add(name);
        return;
      }
      hashes[count] = h;
      names[count++] = name;
    }
  }

  static JsonParseException duplicate(JsonParser p, String name) {
    return new JsonParseException(p, "Duplicate field '" + name + "'");
  }
}
