package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileRulesTest {

  private static List<Finding> findings(String rule, String text) {
    Dockerfile d = DockerfileParser.parse("Dockerfile", text, Map.of());
    return DockerfileRules.evaluate(d, DockerfileSettings.DEFAULT, true).stream()
        .filter(f -> f.ruleId().equals(rule)).toList();
  }

  @Test
  void catalogueIsDf001ToDf006_andOnlyDf001AndDf002FailTheDefaultPolicy() {
    assertThat(DockerfileRules.RULES.metadata()).extracting(RuleMetadata::id)
        .containsExactly("DF001", "DF002", "DF003", "DF004", "DF005", "DF006");
    assertThat(DockerfileRules.RULES.metadata()).filteredOn(m -> m.defaultSeverity().atLeast(Severity.HIGH))
        .extracting(RuleMetadata::id).containsExactly("DF001", "DF002");
    assertThat(DockerfileRules.RULES.metadata()).allSatisfy(m -> assertThat(m.category()).isEqualTo("dockerfile"));
  }

  @Test
  void everyRuleIsDocumentedWithWhatItDoesNotCatch() throws IOException {
    String docs = Files.readString(Path.of("docs/dockerfile-rules.md"));
    for (RuleMetadata m : DockerfileRules.RULES.metadata()) {
      assertThat(docs).contains("## " + m.id() + " ");
      String section = docs.substring(docs.indexOf("## " + m.id() + " "));
      int next = section.indexOf("\n## ", 3);
      section = next < 0 ? section : section.substring(0, next);
      assertThat(section).as(m.id()).contains("Not reported").contains("hadolint");
    }
  }

  @Test
  void toolchainInTheFinalStageNamesTheStageTheCommandAndTheCure() {
    Finding f = findings("DF001", """
        FROM golang:1.23 AS build
        FROM debian:12-slim AS runtime
        COPY . /src
        RUN cd /src && go build -o /usr/local/bin/api .
        USER 1000
        """).get(0);
    assertThat(f.severity()).isEqualTo(Severity.HIGH);
    assertThat(f.resource()).isEqualTo("Dockerfile (stage runtime)");
    assertThat(f.message()).isEqualTo("the final stage 'runtime' runs 'go build -o /usr/local/bin/api .' (the Go "
        + "toolchain) at line 4: the Go toolchain stays in the image: no RUN of this build installs it, so it comes "
        + "with the base image debian:12-slim or a COPY (missing multi-stage build)");
    assertThat(f.fix()).contains("COPY --from=build");
    assertThat(f.details()).containsEntry("stage", "runtime").containsEntry("command", "go build -o /usr/local/bin/api .");
  }

  @Test
  void sdkImageAndFullNodeVariantAreHigh_slimIsNotReported() {
    assertThat(findings("DF002", "FROM gradle:8.10-jdk21\nUSER 1000\n")).singleElement()
        .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    assertThat(findings("DF002", "FROM node:22.11-bookworm\nUSER node\n")).singleElement().satisfies(f -> {
      assertThat(f.severity()).isEqualTo(Severity.HIGH);
      assertThat(f.message()).contains("buildpack-deps");
      assertThat(f.fix()).contains("node:<version>-slim");
    });
    assertThat(findings("DF002", "FROM python:3.12-slim\nUSER 1000\n")).isEmpty();
  }

  @Test
  void cacheInABuilderStageIsNotReported_butOneCopiedWholeIsTracedThroughTheCopy() {
    String builder = """
        FROM debian:12 AS build
        RUN apt-get update && apt-get install -y gcc
        RUN gcc -o /app main.c
        FROM gcr.io/distroless/cc-debian12:nonroot
        COPY --from=build /app /app
        """;
    assertThat(findings("DF003", builder)).isEmpty();
    Finding f = findings("DF003", builder.replace("COPY --from=build /app /app", "COPY --from=build /var /var")).get(0);
    assertThat(f.resource()).isEqualTo("Dockerfile (stage build)");
    assertThat(f.location().line()).isEqualTo(2);
    assertThat(f.message()).contains("leaves /var/lib/apt/lists").contains("copies /var from it (line 5)");
  }

  @Test
  void cacheOfANonRootUserIsLookedForInItsHome() {
    String text = """
        FROM node:22.11-slim
        USER node
        RUN --mount=type=cache,target=/root/.npm npm ci
        """;
    assertThat(findings("DF003", text)).singleElement()
        .satisfies(f -> assertThat(f.details()).containsEntry("cache", "/home/node/.npm"));
    assertThat(findings("DF003", text.replace("/root/.npm", "/home/node/.npm"))).isEmpty();
  }

  @Test
  void userFromAVariableWithoutValueIsNotJudged() {
    assertThat(findings("DF006", "FROM alpine:3.20\nUSER ${APP_UID}\n")).isEmpty();
  }

  private static final String PER_OS = """
      FROM scratch AS binary-linux
      FROM alpine:3.20 AS binary-windows
      FROM binary-$TARGETOS AS binary
      USER 1000
      """;

  @Test
  void fromThroughAnAutomaticPlatformArgumentIsTheStageItNames_neverAnUnpinnedImage() {
    Dockerfile d = DockerfileParser.parse("Dockerfile", PER_OS, Map.of());
    assertThat(d.finalStage().baseStage()).isZero();
    assertThat(d.finalStage().unresolvedArgs()).isEmpty();
    assertThat(findings("DF005", PER_OS)).isEmpty();
    Dockerfile windows = DockerfileParser.parse("Dockerfile", PER_OS, Map.of("TARGETOS", "windows"));
    assertThat(windows.finalStage().baseStage()).isEqualTo(1);
    // A stage that exists only for another platform is still a stage, not an image to pull.
    Dockerfile other = DockerfileParser.parse("Dockerfile", "FROM scratch AS binary-darwin\nFROM binary-$TARGETOS\n", Map.of());
    assertThat(other.finalStage().baseStage()).isZero();
  }

  @Test
  void automaticPlatformArgumentsHaveValuesInFromAndInStages() {
    Dockerfile d = DockerfileParser.parse("Dockerfile", """
        FROM --platform=$BUILDPLATFORM golang:1.23-alpine-$BUILDARCH AS build
        ARG TARGETARCH
        USER u-$TARGETARCH
        """, Map.of());
    assertThat(d.finalStage().unresolvedArgs()).isEmpty();
    assertThat(d.finalStage().image().tag()).isEqualTo("1.23-alpine-amd64");
    assertThat(Lineages.stateBefore(d, d.finalStage(), null, Map.of()).user()).isEqualTo("u-amd64");
  }

  @Test
  void unsureRemovalIsSaidInTheMessage() {
    Finding f = findings("DF001", """
        FROM alpine:3.20
        RUN apk add --no-cache make
        RUN make && apk del $BUILD_DEPS
        USER 1000
        """).get(0);
    assertThat(f.message()).contains("make stays in the image: package make, installed by the RUN at line 2");
    Finding unsure = findings("DF001", """
        FROM debian:12-slim
        RUN make && apt-get purge -y $BUILD_DEPS
        USER 1000
        """).get(0);
    assertThat(unsure.message()).contains("probably stays in the image: no RUN of this build installs it, so it comes with "
        + "the base image debian:12-slim or a COPY, unless 'apt-get purge -y $BUILD_DEPS' at line 2 removes it",
        "deployguard cannot tell");
    assertThat(unsure.details()).containsEntry("stays", "unsure");
    assertThat(findings("DF001", """
        FROM alpine:3.20
        RUN apk add --virtual .deps $DEPS && make && apk del .deps
        USER 1000
        """)).singleElement().satisfies(hidden -> assertThat(hidden.message()).contains("probably stays",
            "unless it is among the packages '$DEPS' that this RUN installs at line 2 and removes"));
    assertThat(findings("DF001", "FROM alpine:3.20\nRUN if command -v make; then echo found; fi\nUSER 1000\n")).isEmpty();
  }
}
