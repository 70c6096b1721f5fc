package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.testing.RealComponent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF of every scenario through Microsoft's {@code sarif-multitool validate}, the reference
 * validator (JSON schema plus the SARIF rules GitHub's ingestion is modelled on). It exits 0
 * whatever it finds, so its output is read: zero errors, and proof that it scanned every file.
 */
class SarifMultitoolTest {
  private static final Pattern ERROR = Pattern.compile("\\): error ([A-Z]+[0-9]+): (.*)");
  private static Path tool;

  @BeforeAll
  static void findTool() {
    tool = locate();
    RealComponent.require("sarif-multitool", tool != null,
        "bash .ci/run installs it into .tools/, or: npm install --prefix .tools @microsoft/sarif-multitool@5.7.0 "
            + "@microsoft/sarif-multitool-linux@5.7.0");
  }

  @Test
  void sarifOfEveryScenario_hasNoValidationErrors(@TempDir Path dir) throws Exception {
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, java.util.function.Supplier<io.deployguard.policy.ScanResult>> s : Scenarios.all().entrySet()) {
      Path file = dir.resolve(s.getKey() + ".sarif");
      Files.writeString(file, Rendering.render(new SarifReporter(), s.getValue().get()), StandardCharsets.UTF_8);
      files.add(file.toString());
    }
    String output = validate(files);
    assertThat(output).contains("Done. " + files.size() + " files scanned.");
    assertThat(errors(output)).as(output).isEmpty();
  }

  @Test
  void sarifOfAPlanLocatedAtItsTfLines_hasNoValidationErrors(@TempDir Path dir) throws Exception {
    // A Terraform layout with a for_each, a local module and a registry module (see TfBlocksTest).
    Path sarif = dir.resolve("layout.sarif");
    int exit = io.deployguard.cli.Main.run(new String[] {"plan", "-f", "json", "-o", "sarif=" + sarif,
        "src/test/resources/terraform/layout/plan.json"}, new java.io.PrintWriter(java.io.Writer.nullWriter()),
        new java.io.PrintWriter(java.io.Writer.nullWriter()));
    assertThat(exit).isEqualTo(1);
    assertThat(Files.readString(sarif)).contains("\"uri\": \"src/test/resources/terraform/layout/modules/net/main.tf\"");
    String output = validate(List.of(sarif.toString()));
    assertThat(output).contains("Done. 1 files scanned.");
    assertThat(errors(output)).as(output).isEmpty();
  }

  @Test
  void validatorOutput_isReadCorrectly_aBrokenLogHasErrors(@TempDir Path dir) throws Exception {
    String broken = Rendering.render(new SarifReporter(), Scenarios.one()).replaceFirst("\"ruleIndex\": [0-9]+", "\"ruleIndex\": 7");
    Path file = dir.resolve("broken.sarif");
    Files.writeString(file, broken, StandardCharsets.UTF_8);
    String output = validate(List.of(file.toString()));
    assertThat(errors(output)).as(output).anyMatch(e -> e.startsWith("SARIF1009"));
  }

  static List<String> errors(String output) {
    List<String> errors = new ArrayList<>();
    Matcher m = ERROR.matcher(output);
    while (m.find()) {
      errors.add(m.group(1) + ": " + m.group(2));
    }
    return errors;
  }

  private static String validate(List<String> files) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(tool.toString(), "validate"));
    command.addAll(files);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("sarif-multitool finished").isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(text).as("sarif-multitool ran to the end").contains("Analysis completed successfully.");
    return text;
  }

  private static Path locate() {
    if (RealComponent.onPath("sarif-multitool")) {
      for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "sarif-multitool");
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    Path local = Path.of(".tools", "node_modules", ".bin", "sarif-multitool");
    return Files.isExecutable(local) ? local.toAbsolutePath() : null;
  }
}
