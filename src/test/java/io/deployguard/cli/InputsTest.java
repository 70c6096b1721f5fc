package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs as people pass them: standard input, folders of plans, saved binary plans. */
class InputsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path OPEN_PLAN = Path.of("examples/plans/open-security-group.json");

  @TempDir Path tmp;

  private static PlanCommandTest.Run withStdin(byte[] stdin, String... args) {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(stdin));
      return PlanCommandTest.run(args);
    } finally {
      System.setIn(saved);
    }
  }

  private static List<String> rules(String jsonReport) throws IOException {
    List<String> ids = new ArrayList<>();
    JSON.readTree(jsonReport).get("findings").forEach(f -> ids.add(f.get("ruleId").asText()));
    return ids;
  }

  @Test
  void aPlanOnStandardInput_isScannedLikeTheFile_andNamedDash() throws IOException {
    PlanCommandTest.Run file = PlanCommandTest.run("plan", "-f", "json", OPEN_PLAN.toString());
    PlanCommandTest.Run piped = withStdin(Files.readAllBytes(OPEN_PLAN), "plan", "-f", "json", "-");

    assertThat(piped.exit()).as(piped.err()).isEqualTo(1);
    assertThat(rules(piped.out())).isNotEmpty().isEqualTo(rules(file.out()));
    JsonNode report = JSON.readTree(piped.out());
    assertThat(report.get("inputs").get(0).asText()).isEqualTo("-");
    assertThat(report.get("findings").get(0).get("location").get("input").asText()).isEqualTo("-");
  }

  @Test
  void aPlannedValuesOnlyPlanOnStandardInput_isRead_althoughItNeedsTwoPasses() throws IOException {
    byte[] plan = Files.readAllBytes(Path.of("src/test/resources/plans/planned-values-only.json"));
    PlanCommandTest.Run piped = withStdin(plan, "plan", "-f", "json", "-");
    PlanCommandTest.Run file = PlanCommandTest.run("plan", "-f", "json", "src/test/resources/plans/planned-values-only.json");
    assertThat(rules(piped.out())).isNotEmpty().isEqualTo(rules(file.out()));
  }

  @Test
  void emptyStandardInput_isAnInputErrorNamingDash() {
    PlanCommandTest.Run r = withStdin(new byte[0], "plan", "-");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains("ERROR -: start of file: the file is empty");
  }

  @Test
  void dashTwice_isAUsageError() {
    PlanCommandTest.Run r = withStdin(new byte[0], "plan", "-", "-");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("standard input can be read once");
  }

  @Test
  void aDockerfileOnStandardInput_isScanned_andNamedDash() throws IOException {
    byte[] dockerfile = Files.readAllBytes(Path.of("examples/Dockerfile.single-stage"));
    PlanCommandTest.Run r = withStdin(dockerfile, "dockerfile", "-f", "json", "-");
    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode report = JSON.readTree(r.out());
    assertThat(rules(r.out())).contains("DF001");
    assertThat(report.get("findings").get(0).get("location").get("input").asText()).isEqualTo("-");
    assertThat(report.get("findings").get(0).get("resource").asText()).startsWith("- (stage ");
  }

  @Test
  void aFolderOfPlans_readsThePlansInIt_andSaysWhichItTook() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("plans"));
    Files.copy(OPEN_PLAN, dir.resolve("prod.json"));
    Files.copy(Path.of("examples/plans/safe.json"), dir.resolve("staging.json"));
    Files.writeString(dir.resolve("package.json"), "{\"name\": \"not a plan\"}");
    Files.writeString(dir.resolve("README.md"), "# plans\n");

    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "json", "--source-root", tmp.toString(), dir.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains(dir + ": reading prod.json, staging.json");
    assertThat(JSON.readTree(r.out()).get("inputs")).extracting(JsonNode::asText)
        .containsExactly("plans/prod.json", "plans/staging.json");
  }

  @Test
  void aFolderWithoutPlans_isAnInputError() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    PlanCommandTest.Run r = PlanCommandTest.run("plan", dir.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out() + r.err()).contains("no plan files in this folder");
  }

  /** A saved plan as 'terraform plan -out' writes it: a zip archive holding a tfplan entry. */
  private Path savedPlan(String name) throws IOException {
    Path plan = tmp.resolve(name);
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(plan))) {
      zip.putNextEntry(new ZipEntry("tfplan"));
      zip.write(new byte[] {1, 2, 3});
      zip.closeEntry();
    }
    return plan;
  }

  /**
   * A script that stands in for terraform (no terraform binary is available to the tests): for
   * {@code show -json FILE} it prints the example plan, after checking it was asked for JSON.
   */
  private Path fakeTerraform(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path script = dir.resolve("terraform");
    Files.writeString(script, "#!/bin/sh\n"
        + "[ \"$1\" = show ] && [ \"$2\" = -json ] && [ -f \"$3\" ] || { echo \"Error: unexpected arguments $*\" >&2; exit 1; }\n"
        + "cat '" + OPEN_PLAN.toAbsolutePath() + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  @Test
  void aSavedBinaryPlan_isConvertedByTheTerraformGiven() throws IOException {
    Path plan = savedPlan("tfplan");
    Path terraform = fakeTerraform(tmp.resolve("bin"));
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "-f", "json", "--terraform", terraform.toString(),
        "--source-root", tmp.toString(), plan.toString());
    assertThat(r.exit()).as(r.err() + r.out()).isEqualTo(1);
    assertThat(rules(r.out())).contains("SG001");
    assertThat(JSON.readTree(r.out()).get("findings").get(0).get("location").get("input").asText()).isEqualTo("tfplan");
  }

  @Test
  void terraformFailingOnASavedPlan_isAnInputErrorWithItsMessage() throws IOException {
    Path plan = savedPlan("tfplan");
    Path terraform = tmp.resolve("failing-terraform");
    Files.writeString(terraform, "#!/bin/sh\necho 'Warning: noise' >&2\necho 'Error: Failed to load plugin schemas' >&2\nexit 1\n");
    Files.setPosixFilePermissions(terraform, PosixFilePermissions.fromString("rwxr-xr-x"));
    PlanCommandTest.Run r = PlanCommandTest.run("plan", "--terraform", terraform.toString(), plan.toString());
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).contains(plan + ": '" + terraform + " show -json' failed (exit 1): Error: Failed to load plugin schemas");
  }

  @Test
  void aSavedBinaryPlan_isConvertedByTerraformOnThePath() throws IOException, InterruptedException {
    Path plan = savedPlan("tfplan");
    Path bin = tmp.resolve("bin");
    fakeTerraform(bin);
    Process p = deployguard(bin + java.io.File.pathSeparator + System.getenv("PATH"), plan);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(1);
    assertThat(out).contains("SG001");
  }

  @Test
  void aSavedBinaryPlanWithoutTerraform_getsTheErrorItHadBefore() throws IOException, InterruptedException {
    Path plan = savedPlan("tfplan");
    Path bin = Files.createDirectories(tmp.resolve("empty-bin"));
    Process p = deployguard(bin.toString(), plan);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(3);
    assertThat(out).contains("not JSON but a zip archive (a saved binary plan from 'terraform plan -out'?)");
  }

  /** deployguard in a JVM of its own, with {@code path} as its PATH. */
  private static Process deployguard(String path, Path plan) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "plan", plan.toString()).redirectErrorStream(true);
    pb.environment().put("PATH", path);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      // Nothing on standard input.
    }
    return p;
  }
}
