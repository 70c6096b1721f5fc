package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleSet;

/** Every image rule, in one explicit list, and what their findings share. */
public final class ImageRules {
  private ImageRules() {}

  /** IMG001-IMG004, in id order. */
  public static final RuleSet<ImageAnalysis, ImageSettings> RULES = RuleSet.of(
      new ImageSizeRule(), new WastedBytesRule(), new BuildToolchainRule(), new CacheInImageRule());

  /** A finding about {@code image}, located at the source with a pointer (a path or a layer). */
  static Finding.Builder about(Finding.Builder b, ImageAnalysis a, String pointer) {
    return b.resource(a.image().reference()).location(Location.pointer(a.image().source(), pointer));
  }

  /** {@code 12.0 MiB}. */
  static String bytes(long b) {
    return io.deployguard.policy.ByteSize.ofBytes(b).display();
  }

  /** The build step of a layer, shortened for one line. */
  static String step(ImageAnalysis a, int layer) {
    String s = a.image().layers().get(layer - 1).createdBy().strip().replaceAll("\\s+", " ");
    return s.length() > 160 ? s.substring(0, 157) + "..." : s;
  }
}
