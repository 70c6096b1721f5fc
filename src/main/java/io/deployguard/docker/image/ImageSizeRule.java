package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.Comparator;
import java.util.List;

/**
 * IMG001: the image's size (the sum of its layers' file bytes, unpacked) is over {@code
 * image.max_image_size} (HIGH), or over {@code image.warn_image_size} (MEDIUM). The largest
 * layers are named, with their build steps.
 */
final class ImageSizeRule extends Rule.Base<ImageAnalysis, ImageSettings> {

  ImageSizeRule() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "IMG001",
      "Image over the size limit",
      Severity.HIGH,
      "image",
      "Large images fill node disks: the kubelet evicts pods for disk pressure, they are rescheduled and pull "
          + "again, and every retry adds logs and cost. Images of several GB did exactly that for days.",
      "Use a multi-stage build with a slim or distroless runtime base; remove build tools and caches "
          + "(see the IMG002-IMG004 findings for where the bytes are), or raise image.max_image_size.");

  @Override
  public List<Finding> check(ImageAnalysis a, ImageSettings s) {
    long size = a.totalBytes();
    boolean over = size > s.maxImageSize().bytes();
    boolean warn = !over && size > s.warnImageSize().bytes();
    if (!over && !warn) {
      return List.of();
    }
    long limit = over ? s.maxImageSize().bytes() : s.warnImageSize().bytes();
    String key = over ? "max_image_size" : "warn_image_size";
    List<Layer> largest = a.image().layers().stream()
        .sorted(Comparator.comparingLong(Layer::bytes).reversed().thenComparingInt(Layer::index))
        .limit(3).toList();
    Finding.Builder f = ImageRules.about(finding(), a, largest.isEmpty() ? null : largest.get(0).label())
        .severity(over ? Severity.HIGH : Severity.MEDIUM)
        .key(key)
        .message("image is " + ImageRules.bytes(size) + ", over the " + ImageRules.bytes(limit) + " "
            + (over ? "limit" : "warning threshold") + " (image." + key + "); largest: "
            + String.join(", ", largest.stream().map(l -> l.label() + " " + ImageRules.bytes(l.bytes())).toList()))
        .detail("size_bytes", size)
        .detail("limit_bytes", limit)
        .detail("layers", a.image().layers().size());
    for (Layer l : largest) {
      f.detail(l.label(), ImageRules.bytes(l.bytes()) + " " + ImageRules.step(a, l.index()));
    }
    return List.of(f.build());
  }
}
