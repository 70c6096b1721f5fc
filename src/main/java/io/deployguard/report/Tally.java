package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The counts every human-facing format shows: active findings by severity, suppressed ones by
 * kind, failing findings and scan errors, and the one-line summary built from them.
 */
record Tally(
    Map<Severity, Integer> activeBySeverity,
    int active,
    int waived,
    int baselined,
    int inline,
    int skipped,
    int failing,
    int errors) {

  static Tally of(ScanResult result) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0);
    }
    Map<Finding.Suppression.Kind, Integer> byKind = new EnumMap<>(Finding.Suppression.Kind.class);
    for (Finding f : result.findings()) {
      if (f.suppression() == null) {
        bySeverity.merge(f.severity(), 1, Integer::sum);
      } else {
        byKind.merge(f.suppression().kind(), 1, Integer::sum);
      }
    }
    return new Tally(Map.copyOf(bySeverity), result.active().size(),
        // An exemption tag is counted with the waivers: both are accepted risks written down by people.
        byKind.getOrDefault(Finding.Suppression.Kind.WAIVER, 0) + byKind.getOrDefault(Finding.Suppression.Kind.EXEMPTION, 0),
        byKind.getOrDefault(Finding.Suppression.Kind.BASELINE, 0),
        byKind.getOrDefault(Finding.Suppression.Kind.INLINE, 0), byKind.getOrDefault(Finding.Suppression.Kind.SKIPPED, 0),
        result.failing().size(), result.errors().size());
  }

  int suppressed() {
    return waived + baselined + inline + skipped;
  }

  /**
   * {@code 3 findings (1 critical, 2 high), 1 waived, 1 suppressed in source, 1 scan error}, or
   * {@code no findings}.
   */
  String counts() {
    StringBuilder sb = new StringBuilder();
    if (active == 0) {
      sb.append("no findings");
    } else {
      sb.append(plural(active, "finding")).append(" (");
      List<String> parts = new ArrayList<>();
      for (int i = Severity.values().length - 1; i >= 0; i--) {
        Severity s = Severity.values()[i];
        int n = activeBySeverity.get(s);
        if (n > 0) {
          parts.add(n + " " + s.lowerName());
        }
      }
      sb.append(String.join(", ", parts)).append(')');
    }
    if (waived > 0) {
      sb.append(", ").append(waived).append(" waived");
    }
    if (baselined > 0) {
      sb.append(", ").append(baselined).append(" baselined");
    }
    if (inline > 0) {
      sb.append(", ").append(inline).append(" suppressed in source");
    }
    if (skipped > 0) {
      sb.append(", ").append(skipped).append(" skipped");
    }
    if (errors > 0) {
      sb.append(", ").append(plural(errors, "scan error"));
    }
    return sb.toString();
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
