package io.deployguard.terraform;

import io.deployguard.policy.InputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One attribute of a planned resource together with its {@code after_unknown} flags, so that
 * "known null", "unknown until apply" and "wrong type" are told apart in one place. In {@code
 * planned_values} there are no flags and an absent attribute is the unknown one. Values are the
 * trees of {@link PlanTree}.
 */
final class PlanValue {

  /**
   * Where the resource is, for error messages: its values are at {@code resource + values}
   * ({@code resource_changes[3]} and {@code .change.after}), joined only for an error.
   */
  record Context(String file, String address, String resource, String values) {
    String place() {
      return resource + values;
    }
  }

  private final Object value;
  private final Object unknown;
  // The path is built only when asked for (pointers, errors): most values never need it.
  private final PlanValue parent;
  private final String field;
  private final int index;
  private final boolean absentIsUnknown;
  private final Context context;
  /** {@link #unknown()}, decided once: the extractors ask it several times of every value. */
  private final boolean isUnknown;
  private String path;

  private PlanValue(Object value, Object unknown, PlanValue parent, String field, int index, boolean absentIsUnknown,
      Context context) {
    this.value = value;
    this.unknown = unknown;
    this.parent = parent;
    this.field = field;
    this.index = index;
    this.absentIsUnknown = absentIsUnknown;
    this.context = context;
    this.isUnknown = unknown instanceof Boolean b ? b : absentIsUnknown && value == null;
  }

  /** The root of {@code after} with {@code after_unknown}. */
  static PlanValue ofChange(Object after, Object afterUnknown, Context context) {
    return new PlanValue(after, afterUnknown, null, null, -1, false, context);
  }

  /** The root of a {@code planned_values} resource's {@code values}. */
  static PlanValue ofPlanned(Object values, Context context) {
    return new PlanValue(values, null, null, null, -1, true, context);
  }

  /** The path of this value inside the resource, e.g. {@code ingress[0].from_port}. */
  String path() {
    if (path == null) {
      // Kept: the pointers of a block's sources all start with the block's path.
      String up = parent == null ? null : parent.path();
      path = up == null ? "" : field == null ? up + "[" + index + "]" : up.isEmpty() ? field : up + "." + field;
    }
    return path;
  }

  PlanValue get(String field) {
    boolean whollyUnknown = isUnknown;
    if (!whollyUnknown && value != null && value != PlanTree.NULL && !(value instanceof PlanTree.Fields)) {
      throw wrongType("an object");
    }
    Object childUnknown = whollyUnknown ? Boolean.TRUE
        : unknown instanceof PlanTree.Fields u ? u.get(field) : null;
    return new PlanValue(
        value instanceof PlanTree.Fields f ? f.get(field) : null,
        childUnknown,
        this,
        field,
        -1,
        absentIsUnknown,
        context);
  }

  /** Whether the value is known only after apply. */
  boolean unknown() {
    return isUnknown;
  }

  /** Known and null (or absent where absence means null). */
  boolean isNull() {
    return !isUnknown && (value == null || value == PlanTree.NULL);
  }

  /** The elements of a known list or set; empty when null. */
  List<PlanValue> elements() {
    if (isNull() || unknown()) {
      return List.of();
    }
    if (!(value instanceof Object[] list)) {
      throw wrongType("a list");
    }
    Object[] unknowns = unknown instanceof Object[] u ? u : null;
    List<PlanValue> out = new ArrayList<>(list.length);
    for (int i = 0; i < list.length; i++) {
      Object u = unknowns != null && i < unknowns.length ? unknowns[i] : null;
      Object v = list[i];
      // An unknown element appears as null in "after" and true in "after_unknown".
      out.add(new PlanValue(v, u, this, null, i, absentIsUnknown, context));
    }
    return out;
  }

  /** A known string, or {@code null} when null or unknown. */
  String text() {
    if (isNull() || unknown()) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw wrongType("a string");
    }
    return text;
  }

  /** A known boolean; {@code false} when null or unknown. */
  boolean flag() {
    if (isNull() || unknown()) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw wrongType("true or false");
    }
    return b;
  }

  /**
   * A known whole number, or {@code null} when null or unknown. Numbers too large for a long are
   * clamped to {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE}: callers judge the range.
   */
  Long integer() {
    if (isNull() || unknown()) {
      return null;
    }
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof BigInteger b) {
      return clamp(b);
    }
    if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
      // 1e99999999 is 12 characters: judge its size by digits and exponent, never by expanding it.
      if ((long) d.precision() - d.scale() > 19) {
        return d.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
      }
      return clamp(d.toBigInteger());
    }
    throw wrongType("a whole number");
  }

  private static long clamp(BigInteger b) {
    if (b.bitLength() < 64) {
      return b.longValue();
    }
    return b.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
  }

  /**
   * Whether this is an empty object where absent means null ({@code change.after: {}}): terraform
   * writes every attribute of a resource it plans, so such values say nothing at all.
   */
  boolean emptyKnownObject() {
    return !absentIsUnknown && !unknown() && value instanceof PlanTree.Fields f && f.isEmpty();
  }

  /** Whether the value is a JSON number (for attributes that accept a name or a number). */
  boolean isNumber() {
    return !unknown() && value instanceof Number;
  }

  InputException wrongType(String expected) {
    String path = path();
    String found = value == null ? "nothing" : describe(value);
    return new InputException(
        context.file(),
        context.place() + (path.isEmpty() ? "" : "." + path),
        context.address() + ": " + (path.isEmpty() ? "the values" : path) + " should be " + expected + ", found " + found,
        "this is not what terraform writes; regenerate the file with 'terraform show -json tfplan'");
  }

  private static String describe(Object n) {
    if (n instanceof String t) {
      return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
    }
    if (n instanceof Number) {
      return "the number " + n;
    }
    if (n instanceof Object[]) {
      return "a list";
    }
    if (n instanceof PlanTree.Fields) {
      return "an object";
    }
    // true, false or null
    return n.toString();
  }
}
