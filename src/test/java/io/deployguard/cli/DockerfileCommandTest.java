package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerfileCommandTest {

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {
    List<String> outLines() {
      return out.lines().toList();
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void singleStageExample_failsWithDf001AtTheLineOfTheMavenBuild() throws IOException {
    Path example = Path.of("examples/Dockerfile.single-stage");
    int mvnLine = Files.readAllLines(example).indexOf(
        Files.readAllLines(example).stream().filter(l -> l.startsWith("RUN mvn")).findFirst().orElseThrow()) + 1;
    Run r = run("dockerfile", "--format", "json", example.toString());
    assertThat(r.exit()).isEqualTo(1);
    com.fasterxml.jackson.databind.JsonNode df001 = null;
    for (com.fasterxml.jackson.databind.JsonNode f : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("findings")) {
      if (f.get("ruleId").asText().equals("DF001")) {
        df001 = f;
      }
    }
    assertThat(df001).as(r.out()).isNotNull();
    assertThat(df001.get("resource").asText()).isEqualTo("examples/Dockerfile.single-stage (stage 0)");
    assertThat(df001.get("message").asText()).contains("single-stage build runs 'mvn", "missing multi-stage build");
    assertThat(df001.get("location").get("input").asText()).isEqualTo("examples/Dockerfile.single-stage");
    assertThat(df001.get("location").get("line").asInt()).isEqualTo(mvnLine);
  }

  @Test
  void multiStageExample_passesUnderTheDefaultPolicy() {
    Run r = run("dockerfile", "examples/Dockerfile.multi-stage");
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).doesNotContain("DF0").contains("PASS");
  }

  @Test
  void brokenDockerfile_exits3WithOneLineNamingFileAndLine() throws IOException {
    Path broken = write("svc/Dockerfile", "FROM alpine:3.20\nRUN <<EOF\napk add curl\n");
    Run r = run("dockerfile", broken.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.outLines()).filteredOn(l -> l.startsWith("ERROR ")).singleElement().satisfies(l ->
        assertThat(l).isEqualTo("ERROR " + broken + ": line 2: the heredoc <<EOF is never closed (end it with a line holding only EOF)"));
    assertThat(r.out() + r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void brokenInputFailsTheRunEvenWhenAnotherDockerfilePasses() throws IOException {
    Path broken = write("Dockerfile.broken", "FROM alpine:3.20\nFROBNICATE now\n");
    Run r = run("dockerfile", "examples/Dockerfile.multi-stage", broken.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains(broken + ": line 2: unknown instruction 'FROBNICATE'");
  }

  @Test
  void missingFileAndEmptyDirectory_exit3() throws IOException {
    assertThat(run("dockerfile", dir.resolve("nope/Dockerfile").toString()).exit()).isEqualTo(3);
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Run r = run("dockerfile", empty.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains(empty.resolve("Dockerfile") + ": no Dockerfile in this directory");
  }

  @Test
  void directoryMeansItsDockerfile() throws IOException {
    write("app/Dockerfile", "FROM golang:1.23\nRUN go build -o /app .\nUSER 1000\n");
    Run r = run("dockerfile", dir.resolve("app").toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("DF001 " + dir.resolve("app/Dockerfile") + " (stage 0)");
  }

  @Test
  void dockerignoreIsLookedForInTheContextGivenWithContext() throws IOException {
    Path df = write("docker/Dockerfile", "FROM node:22.11-slim\nCOPY . /app\nUSER node\n");
    Path context = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(context.resolve(".dockerignore"), ".git\nnode_modules\n");
    assertThat(run("dockerfile", df.toString()).out()).contains("DF004");
    assertThat(run("dockerfile", "--context", context.toString(), df.toString()).out()).doesNotContain("DF004");
    assertThat(run("dockerfile", "--context", dir.resolve("missing").toString(), df.toString()).exit()).isEqualTo(2);
  }

  @Test
  void dockerfileSpecificIgnoreFileBesideTheDockerfileCounts() throws IOException {
    Path df = write("Dockerfile.api", "FROM node:22.11-slim\nCOPY . /app\nUSER node\n");
    write("Dockerfile.api.dockerignore", ".git\n");
    assertThat(run("dockerfile", df.toString()).out()).doesNotContain("DF004");
  }

  @Test
  void targetSelectsTheShippedStage() throws IOException {
    Path df = write("Dockerfile", """
        FROM maven:3.9.9-eclipse-temurin-21 AS dev
        RUN mvn -B package
        FROM eclipse-temurin:21-jre AS prod
        COPY --from=dev /target/app.jar /app.jar
        USER 1000
        """);
    assertThat(run("dockerfile", df.toString()).exit()).isZero();
    Run dev = run("dockerfile", "--target", "dev", df.toString());
    assertThat(dev.exit()).isEqualTo(1);
    assertThat(dev.out()).contains("DF001").contains("the final stage 'dev' runs 'mvn -B package'");
    assertThat(run("dockerfile", "--target", "qa", df.toString()).out()).contains("there is no stage 'qa' to build");
  }

  @Test
  void configurationSectionFeedsBuildArgsToolchainsAndSdkImages() throws IOException {
    Path df = write("Dockerfile", """
        ARG BASE
        FROM ${BASE}
        RUN ./build.sh release
        USER 1000
        """);
    Path config = write("deployguard.yml", """
        version: 1
        dockerfile:
          build_args: {BASE: "registry.example.com/ci/jdk:21"}
          toolchain_commands: ["./build.sh"]
          sdk_images: ["registry.example.com/ci/*"]
        """);
    Run r = run("dockerfile", "--config", config.toString(), df.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("DF001").contains("'./build.sh release'")
        .contains("DF002").contains("build image registry.example.com/ci/jdk:21")
        .doesNotContain("DF005");
    Run unresolved = run("dockerfile", df.toString());
    assertThat(unresolved.out()).contains("DF005").contains("depends on build argument BASE");
  }

  @Test
  void unknownKeyInTheDockerfileSection_exits2() throws IOException {
    Path config = write("deployguard.yml", "dockerfile:\n  allow_rooot: true\n");
    Run r = run("dockerfile", "--config", config.toString(), "examples/Dockerfile.multi-stage");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("unknown key 'allow_rooot'").contains("allow_root");
  }
}
