package io.deployguard.cli;

import static io.deployguard.cli.FakeScanCommand.OPEN;
import static io.deployguard.cli.FakeScanCommand.finding;
import static io.deployguard.cli.FakeScanCommand.unreadable;
import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.testing.RealComponent;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports a pipeline can trust: outputs checked before the scan, written whole or not at all, and
 * every write failure one line with a non-zero exit.
 */
class OutputIntegrityTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(FakeScanCommand fake, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), fake).execute(args);
    Run r = new Run(code, out.toString(), err.toString());
    assertThat(r.err()).as("no stack trace or class name").doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("java.");
    return r;
  }

  private void assertRefusedBeforeScanning(String expectedPart, String... args) {
    FakeScanCommand fake = FakeScanCommand.reporting(finding(OPEN, "a"));
    Run r = run(fake, args);
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).startsWith("deployguard: ").contains(expectedPart).hasLineCount(1);
    assertThat(fake.scanned).as("scanned despite a usage error").isFalse();
  }

  @Test
  void outputToDash_writesThatFormatOnStandardOutputInsteadOfText() {
    Run r = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "-o", "json=-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("{").contains("\"TST001\"").doesNotContain("FAIL ");
    assertThat(dir.resolve("-")).doesNotExist();
    assertThat(Path.of("-")).doesNotExist();
  }

  @Test
  void twoReportsOnStandardOutput_areAUsageError() {
    assertRefusedBeforeScanning("already writes standard output", "fake", "-o", "json=-", "-o", "sarif=-");
    assertRefusedBeforeScanning("--format sarif already writes standard output", "fake", "-f", "sarif", "-o", "json=-");
  }

  @Test
  void twoOutputsToOnePath_areAUsageErrorHoweverSpelled() {
    Path a = dir.resolve("r.json");
    assertRefusedBeforeScanning("writes the same file", "fake", "-o", "json=" + a, "-o", "sarif=" + dir + "/./r.json");
    assertRefusedBeforeScanning("writes the same file", "fake", "-o", "json=" + a, "--write-baseline", a.toString());
  }

  @Test
  void anOutputThatIsAnInput_isAUsageError() throws IOException {
    Path config = Files.writeString(dir.resolve("deployguard.yml"), "version: 1\n");
    assertRefusedBeforeScanning("is an input of this run", "fake", "--config", config.toString(),
        "-o", "json=" + config);
    Path baseline = Files.writeString(dir.resolve("b.json"), "{\"version\":1,\"findings\":[]}");
    assertRefusedBeforeScanning("is an input of this run", "fake", "--baseline", baseline.toString(),
        "--write-baseline", baseline.toString());
    assertThat(Files.readString(config)).isEqualTo("version: 1\n");
  }

  @Test
  void anUnwritableOutputPath_isAUsageErrorBeforeScanning() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertRefusedBeforeScanning("is a file, not a folder", "fake", "-o", "json=" + file + "/r.json");
    assertRefusedBeforeScanning("is a folder", "fake", "-o", "json=" + dir);
    assertRefusedBeforeScanning("is a folder", "fake", "--write-baseline", dir.toString());
  }

  @Test
  void aFullDisk_isExit2WithOneLineForReportsAndBaselines() {
    Path full = Path.of("/dev/full");
    RealComponent.require("/dev/full", Files.exists(full), "a Linux device that always reports a full disk");
    Run report = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "-o", "sarif=/dev/full");
    assertThat(report.code()).isEqualTo(2);
    assertThat(report.err()).isEqualTo("deployguard: /dev/full: cannot write the sarif report: No space left on device"
        + " (choose a writable path)" + System.lineSeparator());
    Run baseline = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "--write-baseline", "/dev/full");
    assertThat(baseline.code()).isEqualTo(2);
    assertThat(baseline.err()).contains("/dev/full: cannot write the baseline: No space left on device").hasLineCount(1);
    assertThat(full).exists().satisfies(p -> assertThat(Files.isRegularFile(p)).as("still a device").isFalse());
  }

  @Test
  void standardOutputThatCannotBeWritten_isNotAPass() throws IOException {
    RealComponent.require("/dev/full", Files.exists(Path.of("/dev/full")), "a Linux device that always reports a full disk");
    StringWriter err = new StringWriter();
    try (PrintWriter full = new PrintWriter(new FileOutputStream("/dev/full"), false, StandardCharsets.UTF_8)) {
      int code = Main.run(new String[] {"rules"}, full, new PrintWriter(err));
      assertThat(code).isEqualTo(2);
    }
    assertThat(err.toString()).startsWith("deployguard: cannot write to standard output").hasLineCount(1);
  }

  @Test
  void reportsAreReplacedWhole_leavingNoTemporaryFiles() throws IOException {
    Path report = Files.writeString(dir.resolve("r.json"), "old content that is longer than nothing");
    Run r = run(FakeScanCommand.reporting(finding(OPEN, "a")), "fake", "-o", "json=" + report,
        "--write-baseline", dir.resolve("b/base.json").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(Files.readString(report)).startsWith("{").doesNotContain("old content");
    assertThat(dir.resolve("b/base.json")).content().contains("\"version\" : 2");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.json", "b");
    }
  }

  @Test
  void inputErrors_areAlsoOnStandardErrorInTextFormat() {
    Run r = run(FakeScanCommand.failing(unreadable("plan.json")), "fake");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("deployguard: plan.json: line 1, column 2: not a Terraform plan"
        + " (run terraform show -json)" + System.lineSeparator());
  }
}
