package io.deployguard.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.Ignore;
import io.deployguard.policy.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileIgnoresTest {

  private static List<String> read(String text) {
    return DockerfileIgnores.of(text, "Dockerfile").stream()
        .map(i -> i.rule() + " " + (i.fromLine() == null ? "file" : i.fromLine() + "-" + i.toLine()) + " @" + i.source().line()
            + " " + i.reason())
        .toList();
  }

  @Test
  void aCommentBeforeAnInstruction_coversThatInstructionWithItsContinuationLines() {
    assertThat(read("""
        FROM maven:3
        # deployguard:ignore=DF001,df003 the build cache is pruned by the CI runner
        RUN mvn package \\
        # a comment inside the instruction
            && rm -rf ~/.m2
        RUN echo next
        """)).containsExactly(
            "DF001 3-5 @2 the build cache is pruned by the CI runner",
            "DF003 3-5 @2 the build cache is pruned by the CI runner");
  }

  @Test
  void aCommentInsideAHeredocBody_isNotASuppression() {
    assertThat(read("""
        FROM alpine
        RUN <<EOF
        # deployguard:ignore=DF006 this is shell, not a suppression
        echo hi
        EOF
        USER 1000
        """)).isEmpty();
  }

  @Test
  void heredocMarksOutsideRunCopyAndAdd_openNoBody_asForTheParser() {
    assertThat(read("""
        FROM alpine
        # deployguard:ignore=DF006 the greeting only looks like a heredoc
        ENV GREETING="say <<EOF"
        # deployguard:ignore=DF001 the second suppression
        RUN ["sh", "-c", "cat <<EOF"]
        USER 1000
        """)).containsExactly(
            "DF006 3-3 @2 the greeting only looks like a heredoc",
            "DF001 5-5 @4 the second suppression");
  }

  @Test
  void aHeredocBody_endsOnlyAtItsNameAlone_orAfterTabsForTheDashForm() {
    assertThat(read("""
        FROM alpine
        # deployguard:ignore=DF006 one
        RUN <<EOF
          EOF
        # deployguard:ignore=DF001 still shell
        EOF
        # deployguard:ignore=DF003 two
        RUN <<-END
        \tEND
        USER 1000
        """)).containsExactly(
            "DF006 3-6 @2 one",
            "DF003 8-9 @7 two");
  }

  @Test
  void theFileWideForm_coversTheWholeFile_andTheEscapeDirectiveIsHonoured() {
    assertThat(read("""
        # escape=`
        # deployguard:ignore-file=DF004 the context is a generated folder
        FROM alpine
        RUN apk add gcc `
            make
        # deployguard:ignore=DF006 runs in a sandbox
        CMD ["sh"]
        """)).containsExactly(
            "DF004 file @2 the context is a generated folder",
            "DF006 7-7 @6 runs in a sandbox");
  }

  @Test
  void aSuppressionWithoutAReason_isAnInputErrorNamingTheLine() {
    assertThatThrownBy(() -> read("FROM alpine\n# deployguard:ignore=DF006\nCMD x\n"))
        .isInstanceOf(InputException.class)
        .hasMessage("Dockerfile: line 2: the suppression of DF006 gives no reason (write the reason after the ids:"
            + " '# deployguard:ignore=DF006 why it is acceptable')");
    assertThatThrownBy(() -> read("# deployguard:ignore reason only\nFROM alpine\n"))
        .isInstanceOf(InputException.class).hasMessageContaining("line 1: a suppression comment needs rule ids");
  }

  @Test
  void otherComments_areNotSuppressions() {
    List<Ignore> none = DockerfileIgnores.of("# syntax=docker/dockerfile:1\n# hadolint ignore=DL3008\nFROM alpine\n", "D");
    assertThat(none).isEmpty();
  }
}
