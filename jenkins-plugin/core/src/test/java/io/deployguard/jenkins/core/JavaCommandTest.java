package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaCommandTest {

  @Test
  void javaHomeOfTheStepsEnvironment_wins_elseThePath() {
    assertEquals("/opt/jdk-17/bin/java", JavaCommand.java(Map.of("JAVA_HOME", "/opt/jdk-17/"), true));
    assertEquals("C:\\jdk\\bin\\java.exe", JavaCommand.java(Map.of("JAVA_HOME", "C:\\jdk"), false));
    assertEquals("java", JavaCommand.java(Map.of(), true));
    assertEquals("java", JavaCommand.java(Map.of("JAVA_HOME", " "), true));
  }

  @Test
  void theCommand_isFlagsThenUserOptionsThenTheJar() {
    assertEquals(List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC", "-Xshare:auto", "-Dfile.encoding=UTF-8",
        "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-Xmx2g", "-Dx=a,b", "-jar", "/t/deployguard.jar",
        "predeploy"), JavaCommand.command("java", Map.of("DEPLOYGUARD_JAVA_OPTS", " -Xmx2g  -Dx=a,b "),
        "/t/deployguard.jar", List.of("predeploy")));
  }

  @Test
  void aCollectorInTheUsersOptions_replacesDeployguards_asTheJvmRefusesTwo() {
    assertEquals(List.of("java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dfile.encoding=UTF-8",
        "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8", "-XX:+UseG1GC", "-jar", "j.jar"),
        JavaCommand.command("java", Map.of("DEPLOYGUARD_JAVA_OPTS", "-XX:+UseG1GC"), "j.jar", List.of()));
    assertEquals(JavaCommand.COLLECTOR, JavaCommand.command("java", Map.of("DEPLOYGUARD_JAVA_OPTS", "-XX:+UseGCOverheadLimit"),
        "j.jar", List.of()).get(2));
  }

  @Test
  void aJavaOptionThatIsNone_isRejectedBeforeJavaReadsItAsTheMainClass() {
    assertEquals("DEPLOYGUARD_JAVA_OPTS: 'Xmx2g' is not a JVM option (those start with -)",
        assertThrows(StepInputException.class,
            () -> JavaCommand.command("java", Map.of("DEPLOYGUARD_JAVA_OPTS", "Xmx2g"), "j.jar", List.of()))
            .getMessage());
  }
}
