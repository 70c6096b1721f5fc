package io.deployguard.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One violation of one rule by one resource.
 *
 * @param ruleId the rule's stable id
 * @param title the rule's title
 * @param severity effective severity (after configuration)
 * @param resource what violates: a plan address, a live id ({@code sgr-...}), an image
 *     reference, a Dockerfile stage
 * @param message one line saying what is wrong, naming the specifics (ports, source, path)
 * @param location where the resource is declared or was read
 * @param fix one line saying what to change
 * @param key what distinguishes this finding from others of the same rule and resource (for
 *     example {@code ingress tcp 22 0.0.0.0/0}); part of the fingerprint
 * @param details further facts as sorted name/value pairs (ports, bytes, arithmetic)
 * @param suppression why the finding does not count, or {@code null} when it counts
 */
public record Finding(
    String ruleId,
    String title,
    Severity severity,
    String resource,
    String message,
    Location location,
    String fix,
    String key,
    Map<String, String> details,
    Suppression suppression) {

  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(fix, "fix");
    key = key == null ? "" : key;
    details = details instanceof Details ? details : new Details(details == null ? Map.of() : details);
  }

  /**
   * The details as a finding holds them: sorted by name, unmodifiable, and kept in two arrays
   * rather than a tree of entries (the 20,000 findings of a large plan stay live until reported).
   * A finding made from another (renamed, re-rated, suppressed) shares its details.
   */
  private static final class Details extends AbstractMap<String, String> {
    private final String[] names;
    private final String[] values;

    Details(Map<String, String> details) {
      Map<String, String> sorted = details instanceof TreeMap<String, String> t && t.comparator() == null ? t
          : new TreeMap<>(details);
      names = new String[sorted.size()];
      values = new String[sorted.size()];
      int i = 0;
      for (Map.Entry<String, String> e : sorted.entrySet()) {
        names[i] = e.getKey();
        values[i++] = e.getValue();
      }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < names.length;
            }

            @Override
            public Map.Entry<String, String> next() {
              if (next >= names.length) {
                throw new NoSuchElementException();
              }
              Map.Entry<String, String> e = new AbstractMap.SimpleImmutableEntry<>(names[next], values[next]);
              next++;
              return e;
            }
          };
        }

        @Override
        public int size() {
          return names.length;
        }
      };
    }

    @Override
    public int size() {
      return names.length;
    }

    @Override
    public boolean containsKey(Object name) {
      return indexOf(name) >= 0;
    }

    @Override
    public String get(Object name) {
      int i = indexOf(name);
      return i < 0 ? null : values[i];
    }

    private int indexOf(Object name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }
  }

  /**
   * The input this finding came from: its plan when it is located at the {@code .tf} line that
   * declares it (the detail {@code plan}), else the input it is located in.
   */
  public String input() {
    return details.getOrDefault("plan", location.input());
  }

  /** Stable across runs and machines: rule, resource and key, not message wording or paths. */
  public String fingerprint() {
    MessageDigest md = Sha256.fresh();
    byte[] hash =
        md.digest((ruleId + '\u0000' + resource + '\u0000' + key).getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(hash, 0, 16);
  }

  /**
   * SHA-256 engines cloned from one looked up once: the provider lookup of {@code getInstance}
   * cost as much as the hashing itself over the 20,000 findings of a large plan.
   */
  private static final class Sha256 {
    private static final MessageDigest PROTOTYPE = lookUp();

    private static MessageDigest lookUp() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JRE", e);
      }
    }

    static MessageDigest fresh() {
      try {
        return (MessageDigest) PROTOTYPE.clone();
      } catch (CloneNotSupportedException e) {
        return lookUp();
      }
    }
  }

  public boolean suppressed() {
    return suppression != null;
  }

  public Finding withSeverity(Severity newSeverity) {
    return new Finding(ruleId, title, newSeverity, resource, message, location, fix, key, details, suppression);
  }

  public Finding withSuppression(Suppression s) {
    return new Finding(ruleId, title, severity, resource, message, location, fix, key, details, s);
  }

  public static Builder builder(RuleMetadata rule) {
    return new Builder(rule);
  }

  /** Why a finding is reported but does not count towards the verdict. */
  public record Suppression(Kind kind, String reason) {
    public enum Kind {
      WAIVER,
      BASELINE,
      /** Kept by an exemption tag on the live rule or its group (post-deploy). */
      EXEMPTION,
      /** A comment where the finding lives ({@code # deployguard:ignore=ID reason}). */
      INLINE,
      /** {@code --skip-rule ID=REASON}. */
      SKIPPED
    }

    public Suppression {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Builds a finding of one rule; the rule's title, default severity and fix are preset. */
  public static final class Builder {
    private final RuleMetadata rule;
    private Severity severity;
    private String resource;
    private String message;
    private Location location;
    private String fix;
    private String key = "";
    private final Map<String, String> details = new TreeMap<>();

    private Builder(RuleMetadata rule) {
      this.rule = rule;
      this.severity = rule.defaultSeverity();
      this.fix = rule.fix();
    }

    public Builder severity(Severity s) {
      this.severity = s;
      return this;
    }

    public Builder resource(String r) {
      this.resource = r;
      return this;
    }

    public Builder message(String m) {
      this.message = m;
      return this;
    }

    public Builder location(Location l) {
      this.location = l;
      return this;
    }

    public Builder fix(String f) {
      this.fix = f;
      return this;
    }

    public Builder key(String k) {
      this.key = k;
      return this;
    }

    public Builder detail(String name, Object value) {
      if (value != null) {
        details.put(name, String.valueOf(value));
      }
      return this;
    }

    public Finding build() {
      return new Finding(rule.id(), rule.title(), severity, resource, message, location, fix, key, details, null);
    }
  }
}
