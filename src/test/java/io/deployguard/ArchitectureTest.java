package io.deployguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Packages depend one way: policy at the bottom, capabilities above it, front ends on top. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.deployguard");
  }

  @Test
  void theRulesBelowSeeTheWholeCodeBase() {
    // A wrong package name or class path would make every rule below pass on nothing.
    org.assertj.core.api.Assertions.assertThat(classes.size()).isGreaterThan(150);
    for (String pkg : new String[] {"policy", "network", "terraform", "docker", "aws", "capacity", "report", "app",
        "cli", "lambda"}) {
      org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.deployguard." + pkg)).as(pkg).isTrue();
    }
  }

  private static void mayOnlyUse(String pkg, String... allowed) {
    String[] all = {"policy", "network", "terraform", "docker", "aws", "capacity", "report", "app", "cli", "lambda"};
    java.util.List<String> forbidden = new java.util.ArrayList<>();
    for (String p : all) {
      if (!p.equals(pkg) && !java.util.Arrays.asList(allowed).contains(p)) {
        forbidden.add("io.deployguard." + p + "..");
      }
    }
    noClasses().that().resideInAPackage("io.deployguard." + pkg + "..")
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
        .check(classes);
  }

  @Test
  void policyDependsOnNothingElseInDeployguard() {
    mayOnlyUse("policy");
  }

  @Test
  void networkDependsOnlyOnPolicy() {
    mayOnlyUse("network", "policy");
  }

  @Test
  void terraformDependsOnlyOnPolicyAndNetwork() {
    mayOnlyUse("terraform", "policy", "network");
  }

  @Test
  void dockerDependsOnlyOnPolicy() {
    mayOnlyUse("docker", "policy");
  }

  @Test
  void awsDependsOnlyOnPolicyAndNetwork() {
    mayOnlyUse("aws", "policy", "network");
  }

  @Test
  void capacityDependsOnlyOnPolicy() {
    mayOnlyUse("capacity", "policy");
  }

  @Test
  void reportersDependOnlyOnPolicy() {
    mayOnlyUse("report", "policy");
  }

  @Test
  void appDoesNotDependOnFrontEnds() {
    mayOnlyUse("app", "policy", "network", "terraform", "docker", "aws", "capacity", "report");
  }

  @Test
  void lambdaDoesNotDependOnTheCommandLine() {
    mayOnlyUse("lambda", "policy", "network", "terraform", "docker", "aws", "capacity", "report", "app");
  }

  @Test
  void onlyTheCommandLineExitsTheProcess() {
    noClasses().that().resideOutsideOfPackage("io.deployguard.cli..")
        .should().callMethod(System.class, "exit", int.class)
        .check(classes);
  }
}
