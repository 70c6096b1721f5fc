package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONTRIBUTING.md's "Adding a report format" is true: its reporter compiles against the real
 * interface and passes the reporter contract, the lines it has you add have the shape of the
 * lines already there, the command it gives writes the golden files, and every file it names
 * exists (except the ones the example creates).
 */
class ContributingReportFormatTest {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  private static String section;

  @TempDir static Path classes;

  @BeforeAll
  static void readSection() throws IOException {
    String text = Files.readString(BASEDIR.resolve("CONTRIBUTING.md"));
    int start = text.indexOf("## Adding a report format\n");
    assertThat(start).as("CONTRIBUTING.md has ## Adding a report format").isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    section = text.substring(start, end < 0 ? text.length() : end);
  }

  private static List<String> blocks(String language) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  /** The example's reporter, compiled from the section's first Java block and loaded. */
  private static Reporter exampleReporter() throws Exception {
    String source = blocks("java").get(0);
    Matcher name = Pattern.compile("public final class (\\w+) implements Reporter").matcher(source);
    assertThat(name.find()).as("the example declares a reporter class").isTrue();
    Path file = classes.resolve("src/io/deployguard/report/" + name.group(1) + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter errors = new StringWriter();
    boolean compiled = javac.getTask(errors, null, null,
        List.of("-d", classes.resolve("out").toString(), "-classpath", System.getProperty("java.class.path")),
        null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(file)).call();
    assertThat(compiled).as("the example reporter compiles:\n%s", errors).isTrue();
    URLClassLoader loader = new URLClassLoader(new URL[] {classes.resolve("out").toUri().toURL()},
        ContributingReportFormatTest.class.getClassLoader());
    return (Reporter) loader.loadClass("io.deployguard.report." + name.group(1)).getConstructor().newInstance();
  }

  @Test
  void exampleReporter_compiles_declaresANewFormat_andWritesEveryScenario() throws Exception {
    Reporter csv = exampleReporter();

    ReporterContractTest.assertDeclaresItsFormat(csv);
    assertThat(Reporters.names()).doesNotContain(csv.name());
    assertThat(Reporters.all(false)).extracting(Reporter::fileName).doesNotContain(csv.fileName());
    for (var scenario : Scenarios.all().entrySet()) {
      ScanResult result = scenario.getValue().get();
      String once = Rendering.render(csv, result);
      assertThat(once).as(scenario.getKey()).startsWith("severity,rule,resource,message,location\r\n");
      result.active().forEach(f -> assertThat(once).contains("\n" + f.severity().lowerName() + "," + f.ruleId() + ","));
      assertThat(Rendering.render(csv, result)).as("the same bytes twice").isEqualTo(once);
    }
  }

  @Test
  void theLinesItAdds_haveTheShapeOfTheLinesThere() throws Exception {
    Reporter csv = exampleReporter();
    String simpleName = csv.getClass().getSimpleName();
    assertThat(section).contains("`new " + simpleName + "(),`");
    assertThat(Files.readString(BASEDIR.resolve("src/main/java/io/deployguard/report/Reporters.java")))
        .containsPattern("\n        new MarkdownReporter\\(\\)\\);");
    String renderingLine = blocks("java").get(1).strip();
    assertThat(renderingLine).matches("m\\.put\\(\"[^\"]+\", new " + simpleName + "\\(\\)\\);");
    assertThat(Files.readString(BASEDIR.resolve("src/test/java/io/deployguard/report/Rendering.java")))
        .contains("    m.put(\"summary.md\", new MarkdownReporter());");
  }

  @Test
  void theGoldenFileCommand_isTheOneGoldenFilesTestReads_forItsScenarios() throws IOException {
    String commands = String.join("\n", blocks("sh"));
    assertThat(commands).contains("-Dtest=GoldenFilesTest -Ddeployguard.updateGoldens=true");
    assertThat(Files.readString(BASEDIR.resolve("src/test/java/io/deployguard/report/GoldenFilesTest.java")))
        .contains("Boolean.getBoolean(\"deployguard.updateGoldens\")");
    assertThat(section).contains("one new report.csv per scenario: " + String.join(", ", Scenarios.all().keySet()));
    assertThat(commands).contains("-Dtest='io.deployguard.report.**'");
  }

  @Test
  void everyFileAndTestItNames_exists() {
    Matcher path = Pattern.compile("`((?:src|docs)/[^`\\s]+|README\\.md)`").matcher(section);
    int named = 0;
    while (path.find()) {
      if (path.group(1).endsWith("/CsvReporter.java")) {
        continue;
      }
      named++;
      assertThat(BASEDIR.resolve(path.group(1))).as("CONTRIBUTING.md names %s", path.group(1)).exists();
    }
    assertThat(named).isGreaterThanOrEqualTo(4);
    Matcher test = Pattern.compile("`(\\w+Test)`").matcher(section);
    while (test.find()) {
      assertThat(BASEDIR.resolve("src/test/java/io/deployguard/report/" + test.group(1) + ".java"))
          .as("CONTRIBUTING.md names %s", test.group(1)).exists();
    }
  }
}
