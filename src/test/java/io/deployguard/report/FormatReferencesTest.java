package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
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

  /**
   * Checks every match of {@code place} in {@code text}: group 2 is a file name that must be the
   * default file of the format {@code formatOf} makes of group 1.
   *
   * @return the formats matched, in order
   */
  private static List<String> fileNamesIn(String text, String where, Pattern place, UnaryOperator<String> formatOf) {
    List<String> formats = new ArrayList<>();
    Matcher m = place.matcher(text);
    while (m.find()) {
      String format = formatOf.apply(m.group(1));
      formats.add(format);
      assertThat(m.group(2)).as("%s: %s", where, m.group()).isEqualTo(reporter(format).fileName());
    }
    return formats;
  }

  @Test
  void gitlabTemplate_writesAndAttachesEveryReportUnderItsFormatsFileName() throws IOException {
    String template = Files.readString(BASEDIR.resolve("gitlab-template/deployguard.yml"));
    assertThat(fileNamesIn(template, "the template", Pattern.compile("--output \"([a-z-]+)=\\$R/([^\"]+)\""),
        UnaryOperator.identity())).as("formats the template writes")
        .contains("junit", "gitlab-codequality", "gitlab-sast", "sarif", "markdown", "json");
    // artifacts:reports keys name GitLab's report types, each read from one format's file.
    Map<String, String> formatOf = Map.of("junit", "junit", "codequality", "gitlab-codequality", "sast", "gitlab-sast");
    assertThat(fileNamesIn(template, "the template's artifacts:reports",
        Pattern.compile("^ +(junit|codequality|sast): \\$\\[\\[ inputs\\.reports_dir ]]/(\\S+)$", Pattern.MULTILINE),
        formatOf::get)).containsExactly("junit", "gitlab-codequality", "gitlab-sast", "junit");
  }

  @Test
  void jenkinsfileExample_writesAndPublishesEveryReportUnderItsFormatsFileName() throws IOException {
    String jenkinsfile = Files.readString(BASEDIR.resolve("examples/jenkins/Jenkinsfile"));
    assertThat(fileNamesIn(jenkinsfile, "the Jenkinsfile", Pattern.compile("--output ([a-z-]+)=[\\w-]+/([^\\s']+)"),
        UnaryOperator.identity())).as("--output options in the Jenkinsfile").hasSizeGreaterThanOrEqualTo(4);
    assertThat(fileNamesIn(jenkinsfile, "the Jenkinsfile", Pattern.compile("(junit) testResults: '[\\w-]+/([^']+)'"),
        UnaryOperator.identity())).as("junit steps in the Jenkinsfile").hasSize(4);
  }

  @Test
  void jenkinsSteps_writeEveryReportUnderItsFormatsFileName() throws IOException {
    String source = Files.readString(
        BASEDIR.resolve("jenkins-plugin/core/src/main/java/io/deployguard/jenkins/core/ReportFile.java"));
    assertThat(fileNamesIn(source, "the Jenkins core's ReportFile",
        Pattern.compile("\n  [A-Z_]+\\(\"([a-z-]+)\", \"([^\"]+)\"\\)[,;]"), UnaryOperator.identity()))
        .containsExactly("json", "junit", "sarif", "markdown", "gitlab-sast");
  }
}
