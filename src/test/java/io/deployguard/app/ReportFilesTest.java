package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import io.deployguard.report.Reporter;
import io.deployguard.report.Reporters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports written into a folder take their file names from their reporters. */
class ReportFilesTest {
  @TempDir Path dir;

  @Test
  void everyFormat_isWrittenUnderItsReportersFileName_creatingTheFolder() throws Exception {
    ScanResult result = new ScanResult("1.2.3", List.of("plan.json"), List.of(), List.of(), List.of(), Severity.HIGH,
        List.of());
    Map<String, Reporter> reporters = ReportFiles.reporters(Reporters.names());

    Map<String, Path> written = ReportFiles.writeAll(result, reporters, dir.resolve("reports"));

    assertThat(written.keySet()).containsExactlyElementsOf(Reporters.names());
    written.forEach((format, path) -> {
      assertThat(path).isRegularFile().hasFileName(Reporters.find(format, false).orElseThrow().fileName());
      assertThat(ReportFiles.defaultName(format)).isEqualTo(path.getFileName().toString());
    });
    assertThat(written.get("junit")).hasFileName("deployguard-junit.xml");
    assertThat(written.get("gitlab-codequality")).hasFileName("gl-code-quality-report.json");
    assertThat(Files.readString(written.get("text"))).contains("no findings; failing at high: PASS");
  }

  @Test
  void formatInAnyCase_isKeyedByItsName() {
    assertThat(ReportFiles.reporters(List.of("JSON")).keySet()).containsExactly("json");
  }

  @Test
  void unknownFormat_namesTheOptionAndListsTheFormats() {
    assertThatThrownBy(() -> ReportFiles.reporter("xml", false, "--format"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("--format: unknown format 'xml' (use one of gitlab-codequality, gitlab-sast, json, junit, markdown,"
            + " sarif, text)");
  }
}
