package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Everything outside the reporters that names a format, its default file or its description takes
 * them from the reporter's {@link Reporter.Format}: docs/formats.md's table, the README's output
 * formats, {@code --help}, the GitLab template's reports, the Jenkins steps' report files and the
 * example Jenkinsfile.
 */
class FormatReferencesTest {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));

  private static Reporter reporter(String format) {
    return Reporters.find(format, false).orElseThrow(() -> new AssertionError("no reporter of format " + format));
  }

  @Test
  void formatsTable_listsEveryReporter_withItsFileAndDescription() throws IOException {
    Pattern row = Pattern.compile("^\\| `([^`]+)` \\| `([^`]+)` \\| ([^|]+) \\| .+ \\|$");
    List<String> names = new ArrayList<>();
    for (String line : Files.readAllLines(BASEDIR.resolve("docs/formats.md"))) {
      Matcher m = row.matcher(line);
      if (m.matches()) {
        names.add(m.group(1));
        assertThat(m.group(2)).as("default file of %s in docs/formats.md", m.group(1))
            .isEqualTo(reporter(m.group(1)).fileName());
        assertThat(m.group(3)).as("description of %s in docs/formats.md", m.group(1))
            .isEqualTo(reporter(m.group(1)).description());
      }
    }
    assertThat(names).as("formats in docs/formats.md's table").containsExactlyElementsOf(Reporters.names());
  }

  @Test
  void readmeOutputFormats_namesEveryFormatInTheRegistrysOrder() throws IOException {
    String readme = Files.readString(BASEDIR.resolve("README.md"));
    int start = readme.indexOf("\n## Output formats\n");
    assertThat(start).as("README has ## Output formats").isNotNegative();
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<String> named = new ArrayList<>();
    Matcher m = Pattern.compile("`([a-z][a-z-]*)`").matcher(section);
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).containsExactlyElementsOf(Reporters.names());
  }

  @Test
  void help_listsTheFormatsOfTheRegistry() {
    StringWriter out = new StringWriter();
    io.deployguard.cli.Main.run(new String[] {"plan", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help).contains("Format on standard output: " + String.join(", ", Reporters.names()) + " (default: text).");
  }

  @Test
  void gitlabTemplate_writesAndAttachesEveryReportUnderItsFormatsFileName() throws IOException {
    String template = Files.readString(BASEDIR.resolve("gitlab-template/deployguard.yml"));
    Matcher output = Pattern.compile("--output \"([a-z-]+)=\\$R/([^\"]+)\"").matcher(template);
    Map<String, String> written = new LinkedHashMap<>();
    while (output.find()) {
      written.put(output.group(1), output.group(2));
      assertThat(output.group(2)).as("the template's --output %s", output.group(1))
          .isEqualTo(reporter(output.group(1)).fileName());
    }
    assertThat(written.keySet()).as("formats the template writes")
        .contains("junit", "gitlab-codequality", "gitlab-sast", "sarif", "markdown", "json");
    // artifacts:reports keys name GitLab's report types, each read from one format's file.
    Map<String, String> formatOf = Map.of("junit", "junit", "codequality", "gitlab-codequality", "sast", "gitlab-sast");
    Matcher attached = Pattern.compile("^ +(junit|codequality|sast): \\$\\[\\[ inputs\\.reports_dir ]]/(\\S+)$",
        Pattern.MULTILINE)
        .matcher(template);
    int reports = 0;
    while (attached.find()) {
      reports++;
      assertThat(attached.group(2)).as("artifacts:reports:%s", attached.group(1))
          .isEqualTo(reporter(formatOf.get(attached.group(1))).fileName());
    }
    assertThat(reports).as("artifacts:reports entries in the template").isGreaterThanOrEqualTo(4);
  }

  @Test
  void jenkinsfileExample_writesAndPublishesEveryReportUnderItsFormatsFileName() throws IOException {
    String jenkinsfile = Files.readString(BASEDIR.resolve("examples/jenkins/Jenkinsfile"));
    Matcher output = Pattern.compile("--output ([a-z-]+)=[\\w-]+/([^\\s']+)").matcher(jenkinsfile);
    int outputs = 0;
    while (output.find()) {
      outputs++;
      assertThat(output.group(2)).as("the Jenkinsfile's --output %s", output.group(1))
          .isEqualTo(reporter(output.group(1)).fileName());
    }
    assertThat(outputs).as("--output options in the Jenkinsfile").isGreaterThanOrEqualTo(4);
    Matcher published = Pattern.compile("junit testResults: '[\\w-]+/([^']+)'").matcher(jenkinsfile);
    int junit = 0;
    while (published.find()) {
      junit++;
      assertThat(published.group(1)).as("a junit step's testResults").isEqualTo(reporter("junit").fileName());
    }
    assertThat(junit).as("junit steps in the Jenkinsfile").isEqualTo(4);
  }

  @Test
  void jenkinsSteps_writeEveryReportUnderItsFormatsFileName() throws IOException {
    String source = Files.readString(
        BASEDIR.resolve("jenkins-plugin/core/src/main/java/io/deployguard/jenkins/core/ReportFile.java"));
    Matcher constant = Pattern.compile("\n  [A-Z_]+\\(\"([a-z-]+)\", \"([^\"]+)\"\\)[,;]").matcher(source);
    int files = 0;
    while (constant.find()) {
      files++;
      assertThat(constant.group(2)).as("the Jenkins steps' %s report", constant.group(1))
          .isEqualTo(reporter(constant.group(1)).fileName());
    }
    assertThat(files).as("report files in the Jenkins core's ReportFile").isEqualTo(5);
  }
}
