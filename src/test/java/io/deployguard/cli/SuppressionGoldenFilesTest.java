package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.app.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Suppression comments in .tf files and a Dockerfile, end to end: {@code predeploy} over the
 * Terraform layout and a Dockerfile with comments, in every format, against golden files in
 * {@code src/test/resources/report/inline-suppressions}. The tool version and the SAST report's
 * clock are the only parts replaced before comparing. Goldens change only with
 * {@code -Ddeployguard.updateGoldens=true}.
 */
class SuppressionGoldenFilesTest {
  private static final boolean UPDATE = Boolean.getBoolean("deployguard.updateGoldens");
  private static final Path GOLDENS = Path.of("src/test/resources/report/inline-suppressions");

  static Stream<Arguments> formats() {
    return Stream.of(
        Arguments.of("text", "text.txt"), Arguments.of("json", "report.json"), Arguments.of("sarif", "report.sarif"),
        Arguments.of("junit", "junit.xml"), Arguments.of("gitlab-codequality", "codequality.json"),
        Arguments.of("gitlab-sast", "sast.json"), Arguments.of("markdown", "summary.md"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void everyFormat_showsTheSuppressionsWrittenInTheSources(String format, String file) throws IOException {
    PlanCommandTest.Run r = PlanCommandTest.run("predeploy", "-f", format,
        "--plan", "src/test/resources/terraform/layout/plan.json",
        "--dockerfile", "src/test/resources/suppressions/Dockerfile");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    String actual = r.out().replace(Version.get(), "VERSION")
        .replaceAll("\"(start_time|end_time)\" ?: ?\"[0-9T:-]+\"", "\"$1\": \"TIME\"");
    Path golden = GOLDENS.resolve(file);
    if (UPDATE) {
      Files.createDirectories(GOLDENS);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      return;
    }
    assertThat(golden).as("golden file (create it with -Ddeployguard.updateGoldens=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
