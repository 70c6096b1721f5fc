package io.deployguard.terraform;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the plan fixtures under {@code src/test/resources/plans}. */
final class PlanFixtures {
  private PlanFixtures() {}

  static Path path(String name) {
    try {
      return Path.of(PlanFixtures.class.getResource("/plans/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture plans/" + name, e);
    }
  }
}
