package io.deployguard.docker.dockerfile;

import io.deployguard.policy.Glob;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What well-known base images are: build images, runtimes, and which ones run as non-root. */
final class BaseImages {
  private BaseImages() {}

  /** The kind of a base image, as DF002 and DF006 see it. */
  enum Kind {
    /** A build image: a compiler or SDK and its tools, nothing a service needs at runtime. */
    SDK,
    /** A language runtime whose full variant also carries compilers and headers (node, python, ruby). */
    FULL_RUNTIME,
    /** Anything else: a runtime, a distribution, or an image deployguard does not know. */
    OTHER
  }

  private static final Set<String> SDK_NAMES = Set.of("maven", "gradle", "golang", "rust", "gcc", "buildpack-deps",
      "haskell", "clojure", "scala-sbt", "swift", "sbt");
  private static final Set<String> JAVA_NAMES = Set.of("openjdk", "eclipse-temurin", "amazoncorretto",
      "ibm-semeru-runtimes", "sapmachine", "zulu-openjdk", "microsoft-openjdk", "ibmjava");
  private static final Set<String> DUAL_NAMES = Set.of("node", "python", "ruby");

  /** Classifies a base image; {@code extraSdk} are configured glob patterns over the image name. */
  static Kind kind(ImageReference image, List<String> extraSdk) {
    String name = image.name();
    String repo = image.repository();
    String tag = image.tag().toLowerCase(Locale.ROOT);
    for (String glob : extraSdk) {
      if (Glob.of(glob).matches(image.fullName())) {
        return Kind.SDK;
      }
    }
    if (SDK_NAMES.contains(name) || repo.endsWith("dotnet/sdk") || repo.endsWith("dotnet/core/sdk")) {
      return Kind.SDK;
    }
    if (JAVA_NAMES.contains(name) || name.startsWith("liberica-openjdk")
        || (repo.startsWith("adoptopenjdk/") && name.startsWith("openjdk"))) {
      // JDK unless the tag says JRE: eclipse-temurin:21, openjdk:17, amazoncorretto:21 and
      // adoptopenjdk/openjdk8:jdk8u202-b08-alpine-slim are JDKs.
      return tag.contains("jre") ? Kind.OTHER : Kind.SDK;
    }
    if (DUAL_NAMES.contains(name) && !tag.contains("slim") && !tag.contains("alpine")) {
      return Kind.FULL_RUNTIME;
    }
    return Kind.OTHER;
  }

  /** Whether the image's configured default user is not root. */
  static boolean runsAsNonRoot(ImageReference image) {
    String tag = image.tag();
    if (image.registry().equals("gcr.io") && image.repository().startsWith("distroless/")) {
      return tag.contains("nonroot");
    }
    if (image.registry().equals("cgr.dev") && image.repository().startsWith("chainguard/")) {
      // Chainguard images run as 65532 except their -dev variants, which run as root for package installs.
      return !tag.contains("dev");
    }
    return false;
  }
}
