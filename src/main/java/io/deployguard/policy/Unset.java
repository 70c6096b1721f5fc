package io.deployguard.policy;

import java.util.List;
import java.util.Map;

/**
 * What a list or mapping key of the configuration holds when it is left out, and the immutable
 * copy a record keeps when it is given.
 */
public final class Unset {
  private Unset() {}

  /** An unset list is empty; a given one is copied. */
  public static <T> List<T> list(List<T> value) {
    return list(value, List.of());
  }

  /** An unset list is {@code otherwise}; a given one is copied. */
  public static <T> List<T> list(List<T> value, List<T> otherwise) {
    return value == null ? otherwise : List.copyOf(value);
  }

  /** An unset mapping is empty; a given one is copied. */
  public static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : Map.copyOf(value);
  }
}
