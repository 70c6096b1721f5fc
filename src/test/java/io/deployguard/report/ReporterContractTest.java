package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every registered reporter must have to be a format (CONTRIBUTING.md, "Adding a report
 * format"): a {@link Reporter.Format} with a lower-case name, a file name and a one-line
 * description of its own, a golden file for every scenario, and output that is the same bytes
 * twice.
 */
class ReporterContractTest {

  static Stream<Reporter> registered() {
    return Reporters.all(false).stream();
  }

  static Stream<String> formats() {
    return Reporters.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void declaresItsFormat_nameFileAndDescription(String format) {
    assertDeclaresItsFormat(Reporters.find(format, false).orElseThrow());
  }

  /** A lower-case name, a plain file name and a one-line description in plain text (it is shown in tables). */
  static void assertDeclaresItsFormat(Reporter reporter) {
    assertThat(reporter.format()).as("the format of %s", reporter.getClass().getSimpleName()).isNotNull();
    assertThat(reporter.name()).matches("[a-z][a-z0-9-]*");
    assertThat(reporter.fileName()).matches("[A-Za-z0-9._-]+\\.[a-z]+").doesNotStartWith(".");
    assertThat(reporter.description()).isNotBlank().doesNotContain("\n", "`", "[", "|").doesNotEndWith(".");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void hasAGoldenFileForEveryScenario(String format) {
    Reporter reporter = Reporters.find(format, false).orElseThrow();
    List<String> files = Rendering.reporters().entrySet().stream()
        .filter(e -> e.getValue().name().equals(reporter.name())).map(Map.Entry::getKey).toList();
    assertThat(files).as("golden file names of %s in Rendering.reporters()", reporter.name()).isNotEmpty();
    for (String scenario : Scenarios.all().keySet()) {
      for (String file : files) {
        assertThat(Rendering.golden(scenario, file))
            .as("golden file (create it with -Ddeployguard.updateGoldens=true)").isRegularFile();
      }
    }
  }

  @Test
  void namesAndFileNames_areUniqueAcrossTheRegistry() {
    Set<String> names = new HashSet<>();
    Set<String> files = new HashSet<>();
    registered().forEach(r -> {
      assertThat(names.add(r.name())).as("name %s registered once", r.name()).isTrue();
      assertThat(files.add(r.fileName())).as("file %s of one format only", r.fileName()).isTrue();
    });
    assertThat(Reporters.names()).containsExactlyElementsOf(registered().map(Reporter::name).toList());
  }

  @Test
  void everyReporterClass_isRegistered() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.deployguard.report");
    List<String> implementations = classes.stream()
        .filter(c -> c.isAssignableTo(Reporter.class) && !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
        .map(JavaClass::getName).sorted().toList();
    assertThat(implementations).as("reporter classes (register each in Reporters.all)").isNotEmpty()
        .containsExactlyInAnyOrderElementsOf(registered().map(r -> r.getClass().getName()).toList());
  }

  @Test
  void everyReporterUnderTest_isRegistered() {
    assertThat(Rendering.reporters().values()).allSatisfy(r -> assertThat(Reporters.find(r.name(), false)).isPresent());
  }
}
