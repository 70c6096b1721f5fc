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
    int failing,
    int errors) {

  static Tally of(ScanResult result) {
    Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      bySeverity.put(s, 0);
    }
    int waived = 0;
    int baselined = 0;
    for (Finding f : result.findings()) {
      if (f.suppression() == null) {
        bySeverity.merge(f.severity(), 1, Integer::sum);
      } else if (f.suppression().kind() != Finding.Suppression.Kind.BASELINE) { // waived or exempt
        waived++;
      } else {
        baselined++;
      }
    }
    return new Tally(Map.copyOf(bySeverity), result.active().size(), waived, baselined,
        result.failing().size(), result.errors().size());
  }

  int suppressed() {
    return waived + baselined;
  }

  /** {@code 3 findings (1 critical, 2 high), 1 waived, 1 scan error}, or {@code no findings}. */
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
    if (errors > 0) {
      sb.append(", ").append(plural(errors, "scan error"));
    }
    return sb.toString();
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
