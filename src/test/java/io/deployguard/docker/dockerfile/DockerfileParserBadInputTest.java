package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.InputException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DockerfileParserBadInputTest {

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of("empty file", "", "", "empty"),
        Arguments.of("only comments", "# nothing here\n\n# still nothing\n", "", "no FROM"),
        Arguments.of("no FROM", "ARG X=1\n", "", "no FROM"),
        Arguments.of("instruction before FROM", "RUN echo hi\nFROM alpine:3.20\n", "line 1", "before the first FROM"),
        Arguments.of("unknown instruction", "FROM alpine:3.20\nRUNN echo hi\n", "line 2", "unknown instruction 'RUNN'"),
        Arguments.of("lost continuation", "FROM alpine:3.20\nRUN apk add curl\n  && curl -V\n", "line 3", "unknown instruction '&&'"),
        Arguments.of("unterminated heredoc", "FROM alpine:3.20\nRUN <<EOF\necho hi\n", "line 2", "never closed"),
        Arguments.of("bad exec-form JSON", "FROM alpine:3.20\nCMD [\"java\", \"-jar\", app.jar]\n", "line 2", "not a valid JSON array"),
        Arguments.of("single-quoted exec form", "FROM alpine:3.20\nENTRYPOINT ['java', '-jar']\n", "line 2", "not a valid JSON array"),
        Arguments.of("SHELL in shell form", "FROM alpine:3.20\nSHELL /bin/bash -c\n", "line 2", "SHELL needs the JSON form"),
        Arguments.of("invalid escape directive", "# escape=|\nFROM alpine:3.20\n", "line 1", "invalid escape character"),
        Arguments.of("directive given twice", "# syntax=a\n# syntax=b\nFROM alpine:3.20\n", "line 2", "given twice"),
        Arguments.of("FROM with junk", "FROM alpine:3.20 AS\n", "line 1", "FROM takes an image"),
        Arguments.of("invalid stage name", "FROM alpine:3.20 AS 1st\n", "line 1", "not a valid stage name"),
        Arguments.of("duplicate stage name", "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS A\n", "line 2", "also used at line 1"),
        Arguments.of("invalid image reference", "FROM Alpine:3.20\n", "line 1", "not a valid repository name"),
        Arguments.of("unknown flag", "FROM alpine:3.20\nCOPY --form=build /a /b\n", "line 2", "COPY has no flag --form"),
        Arguments.of("cache mount that BuildKit rejects", "FROM alpine:3.20\nRUN --mount=type=cache,target=/x,required apk add curl\n",
            "line 2", "unexpected key 'required' for mount type 'cache'"),
        Arguments.of("COPY without destination", "FROM alpine:3.20\nCOPY app.jar\n", "line 2", "needs a source and a destination"),
        Arguments.of("instruction without arguments", "FROM alpine:3.20\nWORKDIR\n", "line 2", "has no arguments"),
        Arguments.of("ONBUILD FROM", "FROM alpine:3.20\nONBUILD FROM busybox\n", "line 2", "ONBUILD cannot register FROM"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void brokenDockerfileIsAnInputErrorNamingFileAndLine(String name, String text, String place, String problem) {
    assertThatThrownBy(() -> DockerfileParser.parse("svc/Dockerfile", text.getBytes(StandardCharsets.UTF_8), Map.of()))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.input()).isEqualTo("svc/Dockerfile");
          assertThat(e.place()).isEqualTo(place);
          assertThat(e.problem()).contains(problem);
          assertThat(e.hint()).isNotBlank();
          assertThat(e.getMessage()).doesNotContain("\n");
        });
  }

  static Stream<Arguments> binary() {
    return Stream.of(
        Arguments.of("NUL byte", new byte[] {'F', 'R', 'O', 'M', ' ', 'a', '\n', 0, 1, 2}, "line 2", "binary"),
        Arguments.of("not UTF-8", new byte[] {'F', 'R', 'O', 'M', ' ', 'a', '\n', 'R', 'U', 'N', ' ', (byte) 0xC3, (byte) 0x28}, "line 2", "not UTF-8"),
        Arguments.of("gzip header", new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0}, "line 1", "binary"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binary")
  void binaryContentIsAnInputError(String name, byte[] content, String place, String problem) {
    assertThatThrownBy(() -> DockerfileParser.parse("Dockerfile", content, Map.of()))
        .isInstanceOfSatisfying(InputException.class, e -> {
          assertThat(e.place()).isEqualTo(place);
          assertThat(e.problem()).contains(problem);
        });
  }
}
