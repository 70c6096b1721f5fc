package io.deployguard.docker.image;

import io.deployguard.docker.ImageSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * IMG003: the final filesystem holds what only a build needs, evidence of a missing multi-stage
 * build: compilers (gcc, cc1, clang, javac), build tools (Maven, Gradle, make, the Go and Rust
 * toolchains), their dependency caches ({@code ~/.m2}, {@code ~/.gradle}, the Go module cache,
 * the Cargo registry), {@code node_modules} beside sources, {@code .git} and source trees. One
 * finding per tree, with its path and bytes; paths from {@code image.toolchain_paths} too.
 */
final class BuildToolchainRule extends Rule.Base<ImageAnalysis, ImageSettings> {

  BuildToolchainRule() {
    super(METADATA);
  }

  static final RuleMetadata METADATA = new RuleMetadata(
      "IMG003",
      "Build toolchain, source tree or VCS metadata in the final image",
      Severity.HIGH,
      "image",
      "Compilers, build tools, dependency caches and sources in a runtime image are the mark of a single-stage "
          + "build: they multiply its size (the incident's images were 3 GB) and give an attacker tools.",
      "Build in a separate stage (FROM ... AS build) and COPY --from=build only the artifacts into a slim runtime "
          + "stage; keep .git and sources out with .dockerignore.");

  static final List<PathEvidence> BUILT_IN = List.of(
      PathEvidence.file("C/C++ compiler", "bin/",
          "((?:usr/(?:local/)?)?bin/(?:[\\w.]+-)*(?:gcc|g\\+\\+|c\\+\\+|clang|clang\\+\\+)(?:-[0-9.]+)?)"),
      PathEvidence.file("C compiler pass (cc1)", "cc1", "(.*/cc1(?:plus|obj)?)"),
      PathEvidence.file("JDK (javac)", "javac", "(.*)/bin/javac"),
      PathEvidence.file("Maven", "mvn", "(.*)/bin/mvn"),
      PathEvidence.file("Gradle", "gradle", "(.*)/bin/gradle"),
      PathEvidence.of("Maven repository", ".m2/", "((?:.*?/)?\\.m2)/.+"),
      PathEvidence.of("Gradle home", ".gradle/", "((?:.*?/)?\\.gradle)/.+"),
      PathEvidence.file("Go toolchain", "pkg/tool/", "(.*)/pkg/tool/[^/]+/compile"),
      PathEvidence.file("Go toolchain", "go/bin/go", "(usr/local/go)/bin/go"),
      PathEvidence.of("Go module cache", "pkg/mod/", "((?:.*?/)?go/pkg/mod)/.+"),
      PathEvidence.of("Rust toolchain", ".rustup/", "((?:.*?/)?\\.rustup)/.+"),
      PathEvidence.of("Cargo registry", ".cargo/registry/", "((?:.*?/)?\\.cargo/registry)/.+"),
      PathEvidence.file("make", "make", "(usr/(?:local/)?bin/g?make)"),
      PathEvidence.of("node_modules beside sources", "node_modules/", "((?:.*?/)?node_modules)/.+")
          .when(BuildToolchainRule::besideSources),
      PathEvidence.of("Git metadata", ".git/", "((?:.*?/)?\\.git)/.+"),
      PathEvidence.of("source tree", "src/", "((?:.*?/)?src/(?:main|test)/(?:java|kotlin|scala|groovy))/.+"));

  /** A node_modules whose directory also holds sources to build: src/ or a tsconfig.json. */
  private static boolean besideSources(ImageAnalysis a, String nodeModules) {
    String dir = ArchivePaths.parent(nodeModules);
    FinalEntry src = a.files().get(ArchivePaths.join(dir, "src"));
    return (src != null && src.kind() == EntryKind.DIRECTORY) || a.files().containsKey(ArchivePaths.join(dir, "tsconfig.json"));
  }

  @Override
  public List<Finding> check(ImageAnalysis a, ImageSettings s) {
    List<PathEvidence> kinds = new ArrayList<>(BUILT_IN);
    s.toolchainPaths().forEach(g -> kinds.add(PathEvidence.glob("configured toolchain path", g)));
    return report(this, a, PathEvidence.find(a, kinds), "is in the final image");
  }

  /** One finding per hit, shared with IMG004. */
  static List<Finding> report(Rule<ImageAnalysis, ImageSettings> rule, ImageAnalysis a, List<PathEvidence.Hit> hits,
      String what) {
    List<Finding> out = new ArrayList<>();
    for (PathEvidence.Hit h : hits) {
      out.add(ImageRules.about(rule.finding(), a, h.display())
          .key(h.display())
          .message(h.label() + " " + h.display() + " (" + ImageRules.bytes(h.bytes()) + ", mostly from layer "
              + h.layer() + ") " + what)
          .detail("path", h.display())
          .detail("bytes", h.bytes())
          .detail("kind", h.label())
          .detail("layer", h.layer())
          .detail("created_by", ImageRules.step(a, h.layer()))
          .build());
    }
    return out;
  }
}
