package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import java.util.ArrayList;
import java.util.List;

/** Every image rule, in one explicit list, and the run of all of them over one image. */
public final class ImageRules {
  private ImageRules() {}

  public static final List<Rule<ImageAnalysis, ImageSettings>> ALL = List.of(
      new ImageSizeRule(), new WastedBytesRule(), new BuildToolchainRule(), new PackageCacheRule());

  /** The metadata of {@link #ALL}, for the rule catalogue. */
  public static final List<RuleMetadata> METADATA = ALL.stream().map(Rule::metadata).toList();

  public static List<Finding> check(ImageAnalysis analysis, ImageSettings settings) {
    List<Finding> out = new ArrayList<>();
    for (Rule<ImageAnalysis, ImageSettings> r : ALL) {
      out.addAll(r.check(analysis, settings));
    }
    return out;
  }

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
