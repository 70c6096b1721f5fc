package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.deployguard.jenkins.core.Judgement.BuildResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps' whole path without Jenkins, against the real command line: the arguments the steps
 * build, launched as {@code java -jar} in a workspace, judged from the exit code and the JSON
 * report the run wrote. Needs the runnable jar of the main build ({@code mvn package} at the
 * root, as {@code .ci/run} runs before this module); without it the tests skip loudly, and fail
 * when {@code DEPLOYGUARD_REQUIRE_REAL=true}.
 */
class RealCliTest {

  private static Path jar;

  @TempDir Path workspace;

  /** Each test skips on its own, so the skip shows in every count; CI fails instead. */
  @BeforeEach
  void requireTheJar() throws IOException {
    jar = requiredJar();
  }

  /**
   * The runnable jar: {@code -Ddeployguard.jar}, else the one in the root target/. Without one the
   * calling test skips loudly, and fails when {@code DEPLOYGUARD_REQUIRE_REAL=true}.
   */
  static Path requiredJar() throws IOException {
    Path found = null;
    String given = System.getProperty("deployguard.jar", "");
    if (!given.isBlank()) {
      found = Path.of(given);
    } else {
      Path target = Path.of(System.getProperty("deployguard.rootPom", "../../pom.xml")).getParent().resolve("target");
      if (Files.isDirectory(target)) {
        try (Stream<Path> files = Files.list(target)) {
          found = files.filter(p -> p.getFileName().toString().matches("deployguard(-.+-all)?\\.jar")).findFirst().orElse(null);
        }
      }
    }
    if (found != null && Files.isRegularFile(found)) {
      return found;
    }
    String why = "*** REAL COMPONENT MISSING: the runnable deployguard jar in the root target/ (run mvn package at"
        + " the root, or pass -Ddeployguard.jar=PATH) ***";
    System.err.println(why);
    if ("true".equalsIgnoreCase(System.getenv("DEPLOYGUARD_REQUIRE_REAL"))) {
      fail(why + " and DEPLOYGUARD_REQUIRE_REAL=true");
    }
    Assumptions.abort(why);
    return null;
  }

  private record Run(int exitCode, String log, Judgement judgement) {}

  private Run run(List<String> args, boolean softFail, Severity unstableAt, ReportsDir dir, List<ReportFile> reports)
      throws Exception {
    dir.prepare(workspace, reports);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = JavaCommand.command(java, Map.of(), jar.toAbsolutePath().toString(), args);
    Process process = new ProcessBuilder(command).directory(workspace.toFile()).redirectErrorStream(true).start();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (InputStream in = process.getInputStream(); OutputStream out = new SecretMasker(log, List.of())) {
      in.transferTo(out);
    }
    int exit = process.waitFor();
    dir.record(workspace, reports);
    Path json = workspace.resolve(dir.file(ReportFile.JSON));
    String report = Files.isRegularFile(json) ? Files.readString(json) : null;
    return new Run(exit, log.toString(StandardCharsets.UTF_8),
        Judgement.of("deployguardPredeploy", exit, report, softFail, unstableAt, dir, reports));
  }

  private Run predeploy(String dockerfileExample, boolean softFail, Severity unstableAt, Severity failOn)
      throws Exception {
    Path examples = Path.of(System.getProperty("deployguard.rootPom", "../../pom.xml")).getParent().resolve("examples");
    Files.copy(examples.resolve(dockerfileExample), workspace.resolve("Dockerfile"));
    Files.writeString(workspace.resolve(".dockerignore"), "target\n");
    ReportsDir dir = ReportsDir.parse("", "deployguard-reports");
    CliArguments.Predeploy p = new CliArguments.Predeploy(List.of(), List.of("Dockerfile"), List.of(), "", failOn, false);
    return run(CliArguments.predeploy(p, dir), softFail, unstableAt, dir, ReportFile.written(false));
  }

  @Test
  void aSingleStageDockerfile_fails_withItsFindingInTheLog_andEveryReportWritten() throws Exception {
    Run r = predeploy("Dockerfile.single-stage", false, null, null);

    assertEquals(1, r.exitCode(), r.log());
    assertEquals(BuildResult.FAILURE, r.judgement().result(), r.judgement().message());
    assertTrue(r.log().contains("DF001"), r.log());
    for (ReportFile f : ReportFile.written(false)) {
      assertTrue(Files.size(workspace.resolve("deployguard-reports").resolve(f.fileName())) > 0, f.fileName());
    }
  }

  @Test
  void aSingleStageDockerfile_withSoftFail_isUnstable_andTheValueCountsItsFindings() throws Exception {
    Run r = predeploy("Dockerfile.single-stage", true, null, null);

    assertEquals(BuildResult.UNSTABLE, r.judgement().result(), r.judgement().message());
    assertEquals("fail", r.judgement().value().get("verdict"));
    assertTrue((Integer) ((Map<?, ?>) r.judgement().value().get("counts")).get("failing") > 0);
  }

  @Test
  void findingsBelowAHighThreshold_butAtUnstableAt_areUnstable() throws Exception {
    Run r = predeploy("Dockerfile.single-stage", false, Severity.INFO, Severity.CRITICAL);

    assertEquals(0, r.exitCode(), r.log());
    assertEquals(BuildResult.UNSTABLE, r.judgement().result(), r.judgement().message());
  }

  @Test
  void aMissingConfiguration_isExit2_withTheToolsOneLineError() throws Exception {
    ReportsDir dir = ReportsDir.parse("out", "x");
    CliArguments.Predeploy p = new CliArguments.Predeploy(List.of(), List.of("Dockerfile"), List.of(), "missing.yml",
        null, false);
    Files.writeString(workspace.resolve("Dockerfile"), "FROM scratch\n");
    Run r = run(CliArguments.predeploy(p, dir), true, null, dir, ReportFile.written(false));

    assertEquals(2, r.exitCode(), r.log());
    assertEquals(BuildResult.FAILURE, r.judgement().result());
    assertTrue(r.log().lines().anyMatch(l -> l.startsWith("deployguard: ") && l.contains("missing.yml")), r.log());
  }

  @Test
  void aPlanThatDoesNotExist_isExit3_neverAPass() throws Exception {
    ReportsDir dir = ReportsDir.parse("out", "x");
    CliArguments.Predeploy p = new CliArguments.Predeploy(List.of("plans/**/tfplan.json"), List.of(), List.of(), "",
        null, false);
    Run r = run(CliArguments.predeploy(p, dir), true, null, dir, ReportFile.written(false));

    assertEquals(3, r.exitCode(), r.log());
    assertEquals(BuildResult.FAILURE, r.judgement().result());
  }

  @Test
  void aStaleReportOfAnEarlierRun_isNeverReadAsThisRunsResult() throws Exception {
    ReportsDir dir = ReportsDir.parse("out", "x");
    Files.writeString(workspace.resolve("Dockerfile"), "FROM scratch\n");
    CliArguments.Predeploy pass = new CliArguments.Predeploy(List.of(), List.of("Dockerfile"), List.of(), "", null,
        false);
    run(CliArguments.predeploy(pass, dir), false, null, dir, ReportFile.written(false));
    assertTrue(Files.isRegularFile(workspace.resolve("out/deployguard.json")), "the first run wrote its report");

    CliArguments.Predeploy broken = new CliArguments.Predeploy(List.of(), List.of("Dockerfile"), List.of(),
        "missing.yml", null, false);
    Run r = run(CliArguments.predeploy(broken, dir), false, null, dir, ReportFile.written(false));

    assertEquals(BuildResult.FAILURE, r.judgement().result());
    assertTrue(Files.notExists(workspace.resolve("out/deployguard.json")), "the first run's report was removed");
  }

  @Test
  void everyPostdeployArgument_isAnOptionTheCommandLineKnows() throws Exception {
    // --help after the arguments: picocli rejects an unknown option (exit 2) before it prints help,
    // and no AWS call is made.
    List<String> args = new ArrayList<>(CliArguments.postdeploy(new CliArguments.Postdeploy(List.of("eu-west-1"),
        "deployguard.yml", "tfplan.json", Severity.HIGH, true, true), ReportsDir.parse("out", "x")));
    args.add("--help");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(JavaCommand.command(java, Map.of(), jar.toAbsolutePath().toString(), args))
        .directory(workspace.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, process.waitFor(), out);
    assertTrue(out.contains("--create-missing"), out);
  }
}
