package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * IMG004: package-manager caches left in the final filesystem ({@code /var/lib/apt/lists},
 * {@code /var/cache/apt}, {@code /var/cache/apk}, {@code ~/.cache/pip}, {@code ~/.npm}, yarn,
 * yum and dnf caches, the Go build cache), with their bytes; empty cache directories are fine.
 * Paths from {@code image.cache_paths} too.
 */
final class CacheInImageRule extends Rule.Base<ImageAnalysis, ImageSettings> {

  CacheInImageRule() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "IMG004",
      "Package-manager cache in the image",
      Severity.MEDIUM,
      "image",
      "Package indexes and downloaded packages are only needed while installing; left in a layer they are "
          + "shipped to and stored on every node.",
      "Clean the cache in the same RUN that fills it (apt-get ... && rm -rf /var/lib/apt/lists/*, apk add "
          + "--no-cache, pip install --no-cache-dir, npm ci && npm cache clean --force) or use a BuildKit cache mount.");

  static final List<PathEvidence> BUILT_IN = List.of(
      PathEvidence.of("APT package lists", "apt/lists/", "(var/lib/apt/lists)/.+"),
      PathEvidence.of("APT package cache", "cache/apt/", "(var/cache/apt)/.+"),
      PathEvidence.of("APK cache", "cache/apk/", "(var/cache/apk)/.+"),
      PathEvidence.of("APK cache", "apk/cache/", "(etc/apk/cache)/.+"),
      PathEvidence.of("pip cache", ".cache/pip/", "((?:.*?/)?\\.cache/pip)/.+"),
      PathEvidence.of("npm cache", ".npm/", "((?:.*?/)?\\.npm)/.+"),
      PathEvidence.of("yarn cache", ".cache/yarn/", "((?:.*?/)?\\.cache/yarn)/.+"),
      PathEvidence.of("yum cache", "cache/yum/", "(var/cache/yum)/.+"),
      PathEvidence.of("dnf cache", "cache/dnf/", "(var/cache/dnf)/.+"),
      PathEvidence.of("Go build cache", ".cache/go-build/", "((?:.*?/)?\\.cache/go-build)/.+"));

  @Override
  public List<Finding> check(ImageAnalysis a, ImageSettings s) {
    List<PathEvidence> kinds = new ArrayList<>(BUILT_IN);
    s.cachePaths().forEach(g -> kinds.add(PathEvidence.glob("configured cache path", g)));
    return BuildToolchainRule.report(this, a, PathEvidence.find(a, kinds), "is left in the image");
  }
}
