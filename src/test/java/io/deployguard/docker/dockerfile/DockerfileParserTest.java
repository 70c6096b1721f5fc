package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {

  private static Dockerfile parse(String text) {
    return DockerfileParser.parse("Dockerfile", text, Map.of());
  }

  private static Instruction only(Dockerfile d, String keyword) {
    List<Instruction> all = d.stages().stream().flatMap(s -> s.all(keyword).stream()).toList();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void parserDirectivesAtTheTopAreRead_andCheckIsKeptButHasNoEffect() {
    Dockerfile d = parse("""
        # syntax=docker/dockerfile:1.7
        #  ESCAPE = `
        # check=skip=JSONArgsRecommended

        FROM alpine:3.20
        """);
    assertThat(d.directives()).extracting(ParserDirective::name).containsExactly("syntax", "escape", "check");
    assertThat(d.directives().get(0).value()).isEqualTo("docker/dockerfile:1.7");
    assertThat(d.escape()).isEqualTo('`');
  }

  @Test
  void directiveAfterACommentIsOnlyAComment() {
    Dockerfile d = parse("""
        # about this file
        # escape=`
        FROM alpine:3.20
        RUN echo a \\
            b
        """);
    assertThat(d.directives()).isEmpty();
    assertThat(d.escape()).isEqualTo('\\');
    assertThat(only(d, "RUN").arguments()).isEqualTo("echo a     b");
  }

  @Test
  void backtickEscapeContinuesLines_andBackslashesStayLiteral() {
    Dockerfile d = parse("""
        # escape=`

        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        COPY testfile.txt c:\\
        RUN dir c:\\ `
            && echo done
        """);
    assertThat(d.stages().get(0).all("COPY").get(0).arguments()).isEqualTo("testfile.txt c:\\");
    Instruction run = only(d, "RUN");
    assertThat(run.arguments()).isEqualTo("dir c:\\     && echo done");
    assertThat(run.line()).isEqualTo(5);
    assertThat(run.endLine()).isEqualTo(6);
  }

  @Test
  void commentAndEmptyLinesInsideAContinuationAreDropped_andLinesAreTracked() {
    Dockerfile d = parse("""
        FROM debian:12
        RUN apt-get update \\
        # the compilers
            && apt-get install -y gcc \\

            && make
        CMD ["./app"]
        """);
    Instruction run = only(d, "RUN");
    assertThat(run.arguments()).isEqualTo("apt-get update     && apt-get install -y gcc     && make");
    assertThat(run.line()).isEqualTo(2);
    assertThat(run.endLine()).isEqualTo(6);
    assertThat(run.lineAt(run.arguments().indexOf("gcc"))).isEqualTo(4);
    assertThat(run.lineAt(run.arguments().indexOf("make"))).isEqualTo(6);
    assertThat(only(d, "CMD").line()).isEqualTo(7);
  }

  @Test
  void continuationToleratesBlanksAfterTheEscapeCharacter() {
    Dockerfile d = parse("FROM alpine:3.20\nRUN echo a \\   \n  b\n");
    assertThat(only(d, "RUN").arguments()).isEqualTo("echo a   b");
  }

  @Test
  void heredocBodyIsReadUntilItsDelimiter_andTheNextInstructionKeepsItsLine() {
    Dockerfile d = parse("""
        FROM debian:12
        RUN <<EOF
        apt-get update
        apt-get install -y curl
        EOF
        USER 1000
        """);
    Instruction run = only(d, "RUN");
    assertThat(run.heredocs()).singleElement().satisfies(h -> {
      assertThat(h.name()).isEqualTo("EOF");
      assertThat(h.content()).isEqualTo("apt-get update\napt-get install -y curl\n");
      assertThat(h.line()).isEqualTo(3);
      assertThat(h.expand()).isTrue();
    });
    assertThat(run.endLine()).isEqualTo(5);
    assertThat(only(d, "USER").line()).isEqualTo(6);
  }

  @Test
  void dashHeredocStripsLeadingTabs_andQuotedDelimiterTurnsExpansionOff() {
    Dockerfile d = parse("FROM alpine:3.20\nRUN <<-'END' sh\n\techo $HOME\n\tEND\n");
    Heredoc h = only(d, "RUN").heredocs().get(0);
    assertThat(h.chomp()).isTrue();
    assertThat(h.expand()).isFalse();
    assertThat(h.name()).isEqualTo("END");
    assertThat(h.content()).isEqualTo("echo $HOME\n");
  }

  @Test
  void severalHeredocsOfOneCopyAreReadInOrder() {
    Dockerfile d = parse("""
        FROM nginx:1.27
        COPY <<robots.txt <<humans.txt /usr/share/nginx/html/
        User-agent: *
        robots.txt
        Team: ops
        humans.txt
        COPY <<EOF /etc/app.conf
        port=8080
        EOF
        """);
    List<Instruction> copies = d.stages().get(0).all("COPY");
    assertThat(copies.get(0).heredocs()).extracting(Heredoc::name).containsExactly("robots.txt", "humans.txt");
    assertThat(copies.get(0).heredocs().get(1).content()).isEqualTo("Team: ops\n");
    assertThat(copies.get(0).heredocs().get(1).line()).isEqualTo(5);
    assertThat(copies.get(1).heredocs().get(0).content()).isEqualTo("port=8080\n");
    assertThat(copies.get(1).line()).isEqualTo(7);
  }

  @Test
  void quotedMarkerAndExecFormAreNotHeredocs() {
    Dockerfile d = parse("""
        FROM alpine:3.20
        RUN "<<NOHEREDOC"
        RUN ["<<EOF"]
        RUN echo done
        """);
    assertThat(d.stages().get(0).instructions()).allSatisfy(i -> assertThat(i.heredocs()).isEmpty());
    assertThat(d.stages().get(0).instructions()).hasSize(3);
  }

  @Test
  void execFormIsAJsonArray_andBracketTestCommandStaysShellForm() {
    Dockerfile d = parse("""
        FROM alpine:3.20
        RUN ["/bin/sh", "-c", "echo hi"]
        RUN [ -f /etc/os-release ] && echo yes
        CMD [ "java", "-jar", "/app.jar" ]
        """);
    List<Instruction> runs = d.stages().get(0).all("RUN");
    assertThat(runs.get(0).json()).isTrue();
    assertThat(runs.get(0).execForm()).containsExactly("/bin/sh", "-c", "echo hi");
    assertThat(runs.get(1).json()).isFalse();
    assertThat(only(d, "CMD").execForm()).containsExactly("java", "-jar", "/app.jar");
  }

  @Test
  void argBeforeFromIsSubstitutedInFrom_withDefaultsAndBraces() {
    Dockerfile d = parse("""
        ARG REGISTRY=docker.io
        ARG JAVA=21
        ARG FLAVOUR
        FROM ${REGISTRY}/library/eclipse-temurin:${JAVA}-jre AS one
        FROM $REGISTRY/python:${PY:-3.12}-slim AS two
        FROM node:${FLAVOUR:-22}-alpine AS three
        """);
    assertThat(d.globalArgs()).hasSize(3);
    assertThat(d.stages().get(0).baseImage()).isEqualTo("docker.io/library/eclipse-temurin:21-jre");
    assertThat(d.stages().get(0).image().repository()).isEqualTo("eclipse-temurin");
    assertThat(d.stages().get(0).image().tag()).isEqualTo("21-jre");
    assertThat(d.stages().get(1).image().text()).isEqualTo("docker.io/python:3.12-slim");
    assertThat(d.stages().get(2).image().tag()).isEqualTo("22-alpine");
    assertThat(d.stages()).allSatisfy(s -> assertThat(s.unresolvedArgs()).isEmpty());
  }

  @Test
  void argWithoutValueLeavesTheBaseUnresolved_andBuildArgsFillIt() {
    String text = "ARG BASE\nFROM ${BASE}\n";
    Stage s = parse(text).stages().get(0);
    assertThat(s.unresolvedArgs()).containsExactly("BASE");
    assertThat(s.image()).isNull();
    assertThat(s.baseImage()).isEqualTo("${BASE}");
    Stage given = DockerfileParser.parse("Dockerfile", text, Map.of("BASE", "alpine:3.20")).stages().get(0);
    assertThat(given.image().text()).isEqualTo("alpine:3.20");
  }

  @Test
  void stageNamesAreCaseInsensitive_andAStageCanBuildOnAnother() {
    Dockerfile d = parse("""
        FROM --platform=$BUILDPLATFORM golang:1.23 as Build
        from BUILD As Test
        FROM build AS final
        """);
    assertThat(d.stages()).extracting(Stage::name).containsExactly("build", "test", "final");
    assertThat(d.stages().get(0).platform()).isEqualTo("$BUILDPLATFORM");
    assertThat(d.stages().get(1).baseStage()).isZero();
    assertThat(d.stages().get(2).baseStage()).isZero();
    assertThat(d.stages().get(2).image()).isNull();
    assertThat(d.lineage(d.finalStage())).extracting(Stage::index).containsExactly(2, 0);
    assertThat(d.stage("1")).map(Stage::name).contains("test");
  }

  @Test
  void copyFlagsAndRunMountsAreParsed() {
    Dockerfile d = parse("""
        FROM golang:1.23 AS build
        RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=secret,id=npmrc --network=none go build ./...
        FROM gcr.io/distroless/static:nonroot
        COPY --from=build --chown=65532:65532 --chmod=0755 --link /out/app /app
        COPY --from=0 /etc/ssl/certs /etc/ssl/certs
        COPY --from=busybox:1.36 /bin/busybox /busybox
        """);
    Instruction run = only(d, "RUN");
    assertThat(run.mounts()).extracting(Mount::type).containsExactly("cache", "secret");
    assertThat(run.mounts().get(0).target()).isEqualTo("/root/.cache/go-build");
    assertThat(run.flag("network")).contains("none");
    assertThat(run.arguments()).isEqualTo("go build ./...");
    List<Instruction> copies = d.finalStage().all("COPY");
    assertThat(copies.get(0).flag("link")).contains("");
    assertThat(copies.get(0).flag("chmod")).contains("0755");
    assertThat(copies.get(0).words()).containsExactly("/out/app", "/app");
    Stage fin = d.finalStage();
    assertThat(d.stageNamed("build", fin)).map(Stage::index).contains(0);
    assertThat(d.stageNamed("0", fin)).map(Stage::index).contains(0);
    assertThat(d.stageNamed("busybox:1.36", fin)).isEmpty();
  }

  @Test
  void onbuildRegistersItsInstruction() {
    Instruction on = only(parse("FROM node:22\nONBUILD RUN npm ci\n"), "ONBUILD");
    assertThat(on.trigger().keyword()).isEqualTo("RUN");
    assertThat(on.trigger().arguments()).isEqualTo("npm ci");
  }

  @Test
  void keywordsAreCaseInsensitive_crlfAndByteOrderMarkAreAccepted() {
    Dockerfile d = parse("\uFEFFfrom alpine:3.20\r\nrun echo a \\\r\n  b\r\nUser 1000\r\n");
    assertThat(d.finalStage().instructions()).extracting(Instruction::keyword).containsExactly("RUN", "USER");
    assertThat(only(d, "RUN").arguments()).isEqualTo("echo a   b");
  }

  @Test
  void imageReferencesSplitRegistryRepositoryTagAndDigest() {
    ImageReference r = ImageReference.parse("localhost:5000/team/app:1.2@sha256:" + "a".repeat(64));
    assertThat(r.registry()).isEqualTo("localhost:5000");
    assertThat(r.repository()).isEqualTo("team/app");
    assertThat(r.tag()).isEqualTo("1.2");
    assertThat(r.hasDigest()).isTrue();
    assertThat(ImageReference.parse("docker.io/library/maven").name()).isEqualTo("maven");
    assertThat(ImageReference.parse("mcr.microsoft.com/dotnet/sdk:8.0").fullName()).isEqualTo("mcr.microsoft.com/dotnet/sdk");
    assertThat(ImageReference.parse("scratch").isScratch()).isTrue();
  }
}
