package io.deployguard.report;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * A list whose elements are made as the serializer reaches them, so that a report of 100,000
 * findings is written without a second copy of them in memory.
 */
final class MappedList<T, R> extends AbstractList<R> implements RandomAccess {
  private final List<T> source;
  private final Function<T, R> map;

  MappedList(List<T> source, Function<T, R> map) {
    this.source = source;
    this.map = map;
  }

  @Override
  public R get(int index) {
    return map.apply(source.get(index));
  }

  @Override
  public int size() {
    return source.size();
  }
}
