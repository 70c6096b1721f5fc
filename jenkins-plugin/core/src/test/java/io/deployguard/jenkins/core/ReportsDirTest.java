package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportsDirTest {

  @TempDir Path workspace;

  private static String rejected(String value) {
    return assertThrows(StepInputException.class, () -> ReportsDir.parse(value, "deployguard-reports")).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "./", "a/..", "a/b/../..", "./.", " . "})
  void theWorkspaceItself_isRejectedWithTheFix(String value) {
    String message = rejected(value);
    assertTrue(message.startsWith("reportsDir '" + value.trim() + "': "), message);
    assertTrue(message.contains("is the workspace itself; give a folder of its own inside the workspace"), message);
    assertTrue(message.contains("e.g. reportsDir: 'deployguard-reports'"), message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../reports", "a/../../b", "./.."})
  void aPathLeavingTheWorkspace_isRejected(String value) {
    assertEquals("reportsDir '" + value + "': leaves the workspace; give a folder inside the workspace, "
        + "e.g. reportsDir: 'deployguard-reports'", rejected(value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/tmp", "/", "\\\\server\\share", "C:\\reports", "c:/reports", "\\tmp"})
  void anAbsolutePath_isRejected(String value) {
    assertTrue(rejected(value).contains("is an absolute path; give a folder inside the workspace, relative to it"));
  }

  @Test
  void aHomeRelativePath_isRejectedBecauseNothingExpandsIt() {
    assertTrue(rejected("~/reports").contains("'~' is not expanded here"));
  }

  @Test
  void relativeFolders_areNormalized() {
    assertEquals("out", ReportsDir.parse("out", "x").path());
    assertEquals("out", ReportsDir.parse(" ./out/ ", "x").path());
    assertEquals("a/c", ReportsDir.parse("a/b/../c", "x").path());
    assertEquals("a/b", ReportsDir.parse("a\\b", "x").path());
    assertEquals("build/dg/deployguard.json", ReportsDir.parse("build//dg", "x").file(ReportFile.JSON));
  }

  @Test
  void anEmptyValue_takesTheStepsDefault() {
    assertEquals("deployguard-postdeploy", ReportsDir.parse("  ", "deployguard-postdeploy").path());
    assertEquals("deployguard-reports", ReportsDir.parse(null, "deployguard-reports").path());
  }

  @Test
  void aFolderHoldingAnInput_isRejected() {
    ReportsDir dir = ReportsDir.parse("plans", "x");
    StepInputException e = assertThrows(StepInputException.class,
        () -> dir.checkHoldsNone(List.of("Dockerfile", "./plans/prod/tfplan.json")));
    assertEquals("reportsDir 'plans': holds the input './plans/prod/tfplan.json'; reports must go to a folder of "
        + "their own, e.g. reportsDir: 'deployguard-reports'", e.getMessage());
  }

  @Test
  void aFolderInsideAnInputFolder_isRejected() {
    ReportsDir dir = ReportsDir.parse("image/layout/reports", "x");
    assertThrows(StepInputException.class, () -> dir.checkHoldsNone(List.of("image/layout")));
  }

  @Test
  void aFolderBesideTheInputs_isAccepted() {
    ReportsDir dir = ReportsDir.parse("deployguard-reports", "x");
    dir.checkHoldsNone(List.of("Dockerfile", "plans/tfplan.json", "deployguard-reports-old/x.json", "/abs/plan.json",
        "../elsewhere.json"));
  }

  @Test
  void prepare_deletesOnlyTheReportFilesTheStepWroteItself() throws IOException {
    Path dir = Files.createDirectories(workspace.resolve("out"));
    for (ReportFile r : ReportFile.values()) {
      Files.writeString(dir.resolve(r.fileName()), "report " + r);
    }
    ReportsDir out = ReportsDir.parse("out", "x");
    out.record(workspace, ReportFile.written(false));
    Files.writeString(dir.resolve("notes.txt"), "mine");
    Files.writeString(dir.resolve("deployguard.txt"), "mine too");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub").resolve("deployguard.json"), "nested, not the step's");

    List<String> deleted = out.prepare(workspace, ReportFile.written(false));

    assertEquals(List.of("out/deployguard.json", "out/deployguard-junit.xml", "out/deployguard.sarif",
        "out/deployguard.md"), deleted);
    assertTrue(Files.exists(dir.resolve("gl-sast-report.json")), "not asked for this run, so not touched");
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    assertEquals("mine too", Files.readString(dir.resolve("deployguard.txt")));
    assertEquals("nested, not the step's", Files.readString(dir.resolve("sub/deployguard.json")));
  }

  @Test
  void prepare_refusesAReportNameTheStepDidNotWrite_andDeletesNothing() throws IOException {
    Path dir = Files.createDirectories(workspace.resolve("out"));
    Files.writeString(dir.resolve("deployguard.md"), "ours");
    ReportsDir out = ReportsDir.parse("out", "x");
    out.record(workspace, ReportFile.written(false));
    Files.writeString(dir.resolve("deployguard.json"), "someone's own file");

    StepInputException e = assertThrows(StepInputException.class,
        () -> out.prepare(workspace, ReportFile.written(false)));

    assertEquals("reportsDir 'out': 'deployguard.json' there was not written by this step (or was changed since), and"
        + " the run would overwrite it; move it away or choose another reportsDir", e.getMessage());
    assertEquals("someone's own file", Files.readString(dir.resolve("deployguard.json")));
    assertEquals("ours", Files.readString(dir.resolve("deployguard.md")), "nothing is deleted when the step stops");
  }

  @Test
  void prepare_refusesAReportChangedSinceTheStepWroteIt() throws IOException {
    Path dir = Files.createDirectories(workspace.resolve("out"));
    Files.writeString(dir.resolve("deployguard.sarif"), "as written");
    ReportsDir out = ReportsDir.parse("out", "x");
    out.record(workspace, ReportFile.written(false));
    Files.writeString(dir.resolve("deployguard.sarif"), "edited by hand");

    assertThrows(StepInputException.class, () -> out.prepare(workspace, ReportFile.written(false)));
    assertEquals("edited by hand", Files.readString(dir.resolve("deployguard.sarif")));
  }

  @Test
  void theRecord_listsWhatTheLastRunWrote() throws IOException {
    Path dir = Files.createDirectories(workspace.resolve("out"));
    Files.writeString(dir.resolve("deployguard.json"), "{}");
    ReportsDir out = ReportsDir.parse("out", "x");
    out.record(workspace, ReportFile.written(false));

    assertEquals(JarInstaller.sha256(dir.resolve("deployguard.json")) + "  deployguard.json\n",
        Files.readString(dir.resolve(ReportsDir.RECORD)));
    out.prepare(workspace, ReportFile.written(false));
    out.record(workspace, ReportFile.written(false));
    assertEquals("", Files.readString(dir.resolve(ReportsDir.RECORD)));
  }

  @Test
  void prepare_ofAFolderThatDoesNotExistYet_deletesNothing() throws IOException {
    assertEquals(List.of(), ReportsDir.parse("new/reports", "x").prepare(workspace, ReportFile.written(true)));
    assertTrue(Files.notExists(workspace.resolve("new")), "the command line creates it");
  }

  @Test
  void prepare_refusesAFolderThatIsASymbolicLinkOutOfTheWorkspace(@TempDir Path outside) throws IOException {
    Files.writeString(outside.resolve("deployguard.json"), "someone else's");
    Files.createSymbolicLink(workspace.resolve("out"), outside);

    StepInputException e = assertThrows(StepInputException.class,
        () -> ReportsDir.parse("out", "x").prepare(workspace, ReportFile.written(false)));

    assertEquals("reportsDir 'out': 'out' is a symbolic link; give a real folder inside the workspace, "
        + "e.g. reportsDir: 'deployguard-reports'", e.getMessage());
    assertEquals("someone else's", Files.readString(outside.resolve("deployguard.json")));
  }

  @Test
  void prepare_refusesAReportNameTakenByALink_andLeavesItsTarget(@TempDir Path outside) throws IOException {
    Path target = Files.writeString(outside.resolve("precious.json"), "precious");
    Path dir = Files.createDirectories(workspace.resolve("out"));
    Files.createSymbolicLink(dir.resolve("deployguard.json"), target);

    assertThrows(StepInputException.class,
        () -> ReportsDir.parse("out", "x").prepare(workspace, ReportFile.written(false)));
    assertEquals("precious", Files.readString(target));
    assertTrue(Files.isSymbolicLink(dir.resolve("deployguard.json")));
  }

  @Test
  void prepare_refusesAPathThroughAFile() throws IOException {
    Files.writeString(workspace.resolve("out"), "a file");
    StepInputException e = assertThrows(StepInputException.class,
        () -> ReportsDir.parse("out/reports", "x").prepare(workspace, ReportFile.written(false)));
    assertTrue(e.getMessage().contains("'out' is a file, not a folder"), e.getMessage());
    assertEquals("a file", Files.readString(workspace.resolve("out")));
  }

  @Test
  void aDiskErrorInTheWorkspace_isOneLineNamingWhatFailedItsReasonAndWhatToCheck() {
    // A folder the kernel refuses, even to root.
    IOException real = assertThrows(IOException.class, () -> Files.createDirectories(Path.of("/proc/deployguard-reports")));
    String message = StepInputException.onDisk("reportsDir 'reports': removing the reports of an earlier run", real)
        .getMessage();

    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("reportsDir 'reports': removing the reports of an earlier run: "), message);
    assertTrue(message.contains("/proc/deployguard-reports"), message);
    assertTrue(message.endsWith("; check that the workspace's disk has room and that the agent's user can write there"),
        message);
    assertEquals("copying the jar: permission denied on /w/x.jar; check that the workspace's disk has room and that the"
        + " agent's user can write there", StepInputException.onDisk("copying the jar",
            new java.nio.file.AccessDeniedException("/w/x.jar")).getMessage());
    assertTrue(StepInputException.onDisk("reading it", new IOException("No space left on device\n\tat remote"))
        .getMessage().startsWith("reading it: No space left on device; "));
  }
}
