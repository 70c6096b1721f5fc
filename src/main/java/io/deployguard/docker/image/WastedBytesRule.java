package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * IMG002: bytes shipped in the layers that never reach the final filesystem (overwritten or
 * deleted in a later layer; a deleted file counts whole, a surviving file never) are over {@code
 * image.max_wasted_bytes}, or the efficiency {@code 1 - wasted / total} is under {@code
 * image.min_efficiency}. The largest offenders are listed with their layers.
 */
final class WastedBytesRule extends Rule.Base<ImageAnalysis, ImageSettings> {

  WastedBytesRule() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "IMG002",
      "Wasted bytes in image layers",
      Severity.MEDIUM,
      "image",
      "A file deleted or replaced in a later layer is still downloaded and stored on every node: deleting "
          + "in a later RUN does not make an image smaller.",
      "Create and delete temporary files in the same RUN, or build in a separate stage and COPY only the "
          + "result; the listed paths show which layers to merge.");

  @Override
  public List<Finding> check(ImageAnalysis a, ImageSettings s) {
    long wasted = a.wastedBytes();
    double eff = a.efficiency();
    boolean tooMany = wasted > s.maxWastedBytes().bytes();
    boolean tooLow = eff < s.minEfficiency();
    if (!tooMany && !tooLow) {
      return List.of();
    }
    List<WastedPath> top = a.wasted().stream().limit(s.topOffenders()).toList();
    String why = tooMany
        ? "over the " + ImageRules.bytes(s.maxWastedBytes().bytes()) + " limit (image.max_wasted_bytes)"
        : "efficiency " + pct(eff) + " is below " + pct(s.minEfficiency()) + " (image.min_efficiency)";
    Finding.Builder f = ImageRules.about(finding(), a, top.isEmpty() ? null : "/" + top.get(0).path())
        .key("wasted")
        .message(ImageRules.bytes(wasted) + " of " + ImageRules.bytes(a.totalBytes()) + " in the layers is wasted, "
            + why + "; largest: " + top.stream().limit(3).map(WastedBytesRule::describe)
                .collect(Collectors.joining(", ")))
        .detail("wasted_bytes", wasted)
        .detail("total_bytes", a.totalBytes())
        .detail("efficiency", String.format(Locale.ROOT, "%.4f", eff));
    for (int i = 0; i < top.size(); i++) {
      f.detail(String.format(Locale.ROOT, "top.%02d", i + 1), describe(top.get(i)));
    }
    return List.of(f.build());
  }

  private static String describe(WastedPath w) {
    return "/" + w.path() + " " + ImageRules.bytes(w.bytes()) + " (" + (w.deleted() ? "deleted; " : "overwritten; ")
        + (w.layers().size() == 1 ? "layer " : "layers ")
        + w.layers().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")";
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", v * 100);
  }
}
