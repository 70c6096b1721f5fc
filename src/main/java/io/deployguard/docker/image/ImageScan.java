package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.InputException;
import java.util.List;

/** Reads one image source, analyses it and runs {@link ImageRules#ALL}: what a scan job calls. */
public final class ImageScan {
  private ImageScan() {}

  /** Reader options that honour the settings' limits. */
  public static ImageReader.Options options(ImageSettings settings, String dockerHost, Progress progress) {
    return new ImageReader.Options(dockerHost, ReadLimits.of(settings), progress);
  }

  /** @throws InputException when the source cannot be read as an image */
  public static List<Finding> scan(String spec, ImageSettings settings, ImageReader.Options options) {
    return ImageRules.RULES.evaluate(ImageAnalysis.of(ImageReader.read(spec, options)), settings);
  }
}
