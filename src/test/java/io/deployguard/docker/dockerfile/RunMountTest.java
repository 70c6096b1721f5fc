package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.cli.Main;
import io.deployguard.policy.InputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code RUN --mount} as BuildKit's frontend reads it: its defaults parse, what it rejects is an input error. */
class RunMountTest {

  private static Mount mount(String spec) {
    return mountIn("FROM alpine:3.20\nWORKDIR /src\n", spec);
  }

  private static Mount mountIn(String head, String spec) {
    Dockerfile d = DockerfileParser.parse("Dockerfile", head + "RUN --mount=" + spec + " true\n", Map.of());
    return d.finalStage().all("RUN").get(0).mounts().get(0);
  }

  @Test
  void bindMountWithoutTargetMountsAtTheWorkingDirectoryReadOnly() {
    Mount m = mount("type=bind,source=.");
    assertThat(m.type()).isEqualTo("bind");
    assertThat(m.target()).isNull();
    assertThat(m.target("/src")).isEqualTo("/src");
    assertThat(m.source()).isEqualTo(".");
    assertThat(m.readOnly()).isTrue();
  }

  @Test
  void mountWithoutTypeIsABindAndRwMakesItWritable() {
    Mount m = mount("target=.,rw");
    assertThat(m.type()).isEqualTo("bind");
    assertThat(m.target("/src")).isEqualTo("/src");
    assertThat(mount("target=../x/./y").target("/src/app")).isEqualTo("/src/x/y");
    assertThat(m.readOnly()).isFalse();
  }

  @Test
  void cacheMountWithoutTargetIsTheWorkingDirectoryAndWritable() {
    Mount m = mount("type=cache,sharing=locked,mode=0755,uid=1000,gid=1000,id=deps");
    assertThat(m.target("/src")).isEqualTo("/src");
    assertThat(m.readOnly()).isFalse();
    assertThat(m.keepsFilesOutOfLayer()).isTrue();
    assertThat(m.options()).containsEntry("sharing", "locked").containsEntry("id", "deps");
  }

  @Test
  void secretAndSshTakeBuildKitsDefaultPaths() {
    assertThat(mount("type=secret,id=npmrc,required").target("/src")).isEqualTo("/run/secrets/npmrc");
    assertThat(mount("type=secret,id=tok,env=TOKEN,required=true").options()).containsEntry("env", "TOKEN");
    assertThat(mount("type=ssh").target("/src")).isEqualTo("/run/buildkit/ssh_agent.0");
    assertThat(mount("type=ssh,id=github,mode=0600,uid=0").type()).isEqualTo("ssh");
  }

  @Test
  void aliasesFromAndReadonlyAreRead() {
    Mount m = mountIn("FROM alpine:3.20 AS packages\nFROM alpine:3.20\n", "from=packages,src=/tmp,dst=/tmp/packages,readonly=false");
    assertThat(m.from()).isEqualTo("packages");
    assertThat(m.source()).isEqualTo("/tmp");
    assertThat(m.target()).isEqualTo("/tmp/packages");
    assertThat(m.readOnly()).isFalse();
    assertThat(mount("type=tmpfs,target=/tmp,size=64m").keepsFilesOutOfLayer()).isTrue();
    assertThat(mount("type=bind,target=/x,ro").readOnly()).isTrue();
    assertThat(mount("\"type=bind\",target=/x").type()).isEqualTo("bind");
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("type=volume,target=/x", "unsupported mount type 'volume'"),
        Arguments.of("type=bind,target=/x,required", "unexpected key 'required' for mount type 'bind'"),
        Arguments.of("type=bind,target=/x,mode=0755", "mode not allowed for 'bind' type mounts"),
        Arguments.of("type=tmpfs,target=/x,uid=0", "uid not allowed for 'tmpfs' type mounts"),
        Arguments.of("type=bind,target=/x,sharing=shared", "sharing is only for cache mounts"),
        Arguments.of("type=cache,target=/x,sharing=everyone", "unsupported sharing value 'everyone'"),
        Arguments.of("type=cache,target=/x,uid=root", "invalid value root for uid"),
        Arguments.of("type=cache,target=/x,mode=999", "invalid value 999 for mode"),
        Arguments.of("type=bind,target=/x,readonly=maybe", "invalid value for readonly: maybe"),
        Arguments.of("type=bind,target=/x,size=1g", "unexpected key 'size' for mount type 'bind'"),
        Arguments.of("type=bind,target=/x,nocopy", "invalid field 'nocopy'"),
        Arguments.of("type=bind,target=/x,volume=y", "unexpected key 'volume'"),
        Arguments.of("type=secret,from=build", "a secret mount cannot have from="),
        Arguments.of("type=secret", "a secret mount needs one of id=, source= or target="),
        Arguments.of("type=secret,id=a,source=b", "cannot have both source= and id="),
        Arguments.of("type=ssh,source=/x", "an ssh mount does not support source="),
        Arguments.of("type=bind,from=img$TAG,target=/x", "'from' doesn't support variable expansion"),
        Arguments.of("type=cache,target=/", "resolves to '/'"),
        Arguments.of("type=bind,target=..", "resolves to '/'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void mountBuildKitRejectsIsAnInputErrorNamingTheOption(String spec, String problem) {
    assertThatThrownBy(() -> mount(spec)).isInstanceOfSatisfying(InputException.class, e -> {
      assertThat(e.place()).isEqualTo("line 3");
      assertThat(e.problem()).startsWith("RUN --mount: ").contains(problem);
    });
  }

  @Test
  void mountWithoutTargetWhereTheWorkingDirectoryIsRootIsRejectedAsBuildKitDoes() {
    assertThatThrownBy(() -> mountIn("FROM scratch\n", "type=bind,source=."))
        .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problem()).contains("resolves to '/'", "no target="));
    // The working directory of an image is its own: a missing target is not judged without a WORKDIR.
    assertThat(mountIn("FROM golang:1.23\n", "type=bind,source=.").target()).isNull();
  }

  @Test
  void commandLineExits3WithOneLineNamingTheMountOption(@TempDir Path dir) throws IOException {
    Path df = dir.resolve("Dockerfile");
    Files.writeString(df, "FROM alpine:3.20\nWORKDIR /src\nRUN --mount=type=bind,source=. make\n"
        + "RUN --mount=type=cache,target=/root/.cache,sharing=everyone make\n");
    StringWriter out = new StringWriter();
    int exit = Main.run(new String[] {"dockerfile", df.toString()}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
    assertThat(exit).isEqualTo(3);
    assertThat(out.toString().lines().filter(l -> l.startsWith("ERROR "))).singleElement().satisfies(l -> assertThat(l)
        .contains(df + ": line 4: RUN --mount: unsupported sharing value 'everyone'"));
  }
}
