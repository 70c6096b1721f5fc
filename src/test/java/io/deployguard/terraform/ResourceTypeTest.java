package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.network.SecurityGroupRule;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds CONTRIBUTING.md's "Adding an input kind or resource type" true: a resource type is
 * declared in {@link ResourceType#ALL} alone, and each has a fixture and a docs mention.
 */
class ResourceTypeTest {

  private static final Path FIXTURES = Path.of("src/test/resources/plans");
  private static final Path MAIN = Path.of("src/main/java");

  /** What the worked example adds; everything else the section names must exist. */
  private static final Set<String> EXAMPLE = Set.of("KmsKey", "KMS_KEYS", "kmsKey", "aws_kms_key",
      "src/main/java/io/deployguard/terraform/KmsKey.java");

  @Test
  void everyResourceTypeHasAFixtureFromWhichTheReaderTakesItsRecords() throws IOException {
    List<Path> fixtures;
    try (Stream<Path> s = Files.list(FIXTURES)) {
      fixtures = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (ResourceType<?> type : ResourceType.ALL) {
      List<String> read = new ArrayList<>();
      for (Path f : fixtures) {
        if (Files.readString(f).contains("\"" + type.name() + "\"")) {
          PlanReader.read(f).records().get(type.slot()).forEach(r -> read.add(address(r)));
        }
      }
      assertThat(read).as("records of %s read from a fixture under %s", type.name(), FIXTURES)
          .anyMatch(a -> a.startsWith(type.name() + ".") || a.contains("." + type.name() + "."));
    }
  }

  @Test
  void everyResourceTypeIsNamedInThePlanReadersDocs() throws IOException {
    String docs = Files.readString(Path.of("docs/plan-rules.md"));
    String section = docs.substring(docs.indexOf("## What the plan reader reads"));
    for (ResourceType<?> type : ResourceType.ALL) {
      assertThat(section).as("docs/plan-rules.md, What the plan reader reads").contains("`" + type.name() + "`");
    }
  }

  @Test
  void noMainSourceButTheRegistryNamesAResourceType() throws IOException {
    List<Path> sources;
    try (Stream<Path> s = Files.walk(MAIN)) {
      sources = s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("ResourceType.java")).toList();
    }
    for (Path source : sources) {
      String text = Files.readString(source);
      for (ResourceType<?> type : ResourceType.ALL) {
        assertThat(text).as("%s names %s: declare what a type reads in ResourceType.ALL", source, type.name())
            .doesNotContain("\"" + type.name() + "\"");
      }
    }
  }

  @Test
  void everyClassMethodAndPathTheContributingSectionNamesExists() throws IOException {
    String contributing = Files.readString(Path.of("CONTRIBUTING.md"));
    int start = contributing.indexOf("## Adding an input kind or resource type");
    assertThat(start).as("the section in CONTRIBUTING.md").isNotNegative();
    int end = contributing.indexOf("\n## ", start + 1);
    String section = contributing.substring(start, end < 0 ? contributing.length() : end);

    Matcher code = Pattern.compile("`([^`\\n]+)`").matcher(section);
    List<String> checked = new ArrayList<>();
    while (code.find()) {
      String name = code.group(1);
      if (EXAMPLE.stream().anyMatch(name::contains)) {
        continue;
      }
      if (name.contains("/")) {
        assertThat(Path.of(name)).as("path named in CONTRIBUTING.md").exists();
        checked.add(name);
      } else if (name.matches("[A-Z][A-Za-z]+(\\.[A-Za-z_]+)*(\\(\\))?")) {
        assertThat(resolves(name.replace("()", ""))).as("%s named in CONTRIBUTING.md", name).isTrue();
        checked.add(name);
      }
    }
    assertThat(checked).contains("ResourceType.ALL", "PlanRecords.Slot.SECURITY_GROUP_RULES", "ResourceExtractor.logGroup",
        "PlanValue.wrongType", "src/test/resources/plans/", "docs/plan-rules.md", "ArchitectureTest", "Scanners");
  }

  /** A class of the project by simple name, optionally with a member (field, method or nested type) or a chain of them. */
  private static boolean resolves(String name) throws IOException {
    String[] parts = name.split("\\.");
    Class<?> c = projectClass(parts[0]);
    for (int i = 1; c != null && i < parts.length; i++) {
      Class<?> nested = null;
      for (Class<?> n : c.getDeclaredClasses()) {
        if (n.getSimpleName().equals(parts[i])) {
          nested = n;
        }
      }
      if (nested != null) {
        c = nested;
        continue;
      }
      String member = parts[i];
      boolean found = Stream.of(c.getDeclaredFields()).anyMatch(f -> f.getName().equals(member))
          || Stream.of(c.getDeclaredMethods()).map(Method::getName).anyMatch(member::equals);
      return found && i == parts.length - 1;
    }
    return c != null;
  }

  private static Class<?> projectClass(String simpleName) throws IOException {
    List<Path> found;
    try (Stream<Path> s = Stream.concat(Files.walk(MAIN), Files.walk(Path.of("src/test/java")))) {
      found = s.filter(p -> p.getFileName().toString().equals(simpleName + ".java")).toList();
    }
    for (Path p : found) {
      Path root = p.startsWith(MAIN) ? MAIN : Path.of("src/test/java");
      String className = root.relativize(p).toString().replace('/', '.').replaceAll("\\.java$", "");
      try {
        return Class.forName(className);
      } catch (ClassNotFoundException e) {
        // not compiled into this test run: try the next
      }
    }
    return null;
  }

  private static String address(Object record) {
    if (record instanceof SecurityGroupRule r) {
      return r.origin().resource();
    }
    try {
      return (String) record.getClass().getMethod("address").invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(record.getClass() + " has no address()", e);
    }
  }
}
