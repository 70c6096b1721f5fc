package io.deployguard.pipelines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every deployguard version the docs and examples name (a pre-commit {@code rev:}, a GitLab
 * {@code ref:} or {@code version} input, a jar name, Maven coordinates, an image tag, sample output)
 * is the POM's {@code <version>}: the POM is the one place a release changes it.
 */
class DocVersionsTest {
  private static final Path BASEDIR = Path.of(System.getProperty("user.dir"));
  private static final String V = "(\\d+\\.\\d+\\.\\d+(?:-SNAPSHOT)?)";
  /** Where a deployguard version appears; group 1 is the version. */
  private static final List<Pattern> PLACES = List.of(
      Pattern.compile("\\b(?:rev|ref):\\s*[\"']?v" + V),
      Pattern.compile("\\bdeployguard[-: ]v?" + V),
      Pattern.compile("DEPLOYGUARD_VERSION\\s*[=:]\\s*[\"']?" + V),
      Pattern.compile("io\\.deployguard:deployguard:" + V),
      Pattern.compile("/io/deployguard/deployguard/" + V),
      Pattern.compile("\"name\":\\s*\"deployguard\",\\s*\"version\":\\s*\"" + V),
      Pattern.compile("(?m)^\\s+version:\\s*[\"']?" + V),
      Pattern.compile("(?m)^    version:\\n(?:      .*\\n)*?      default:\\s*" + V),
      Pattern.compile("\\|\\s*`version`\\s*\\|\\s*`" + V),
      Pattern.compile("\\bversion\\s+`" + V),
      Pattern.compile("\\b(?:v|version|VERSION)=" + V));

  record Mention(String file, int line, String version) {}

  static List<Mention> mentions(String file, String text) {
    List<Mention> found = new ArrayList<>();
    for (Pattern place : PLACES) {
      Matcher m = place.matcher(text);
      while (m.find()) {
        int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
        found.add(new Mention(file, line, m.group(1)));
      }
    }
    return found;
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>(Stream.of("README.md", "gitlab-template/README.md",
        "gitlab-template/deployguard.yml", "examples/gitlab/.gitlab-ci.yml", "examples/jenkins/Jenkinsfile",
        "Dockerfile", "jenkins-plugin/README.md", ".pre-commit-hooks.yaml").map(BASEDIR::resolve).filter(Files::isRegularFile).toList());
    try (Stream<Path> md = Files.list(BASEDIR.resolve("docs"))) {
      md.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  @Test
  void everyVersionTheDocsName_isThePomVersion() throws IOException {
    List<Mention> all = new ArrayList<>();
    for (Path doc : docs()) {
      all.addAll(mentions(BASEDIR.relativize(doc).toString(), Files.readString(doc)));
    }

    assertThat(all).as("version mentions found").hasSizeGreaterThan(10);
    assertThat(all).filteredOn(m -> !m.version().equals(DeployedRepository.VERSION))
        .as("mentions of another version than the POM's %s", DeployedRepository.VERSION).isEmpty();
  }

  @Test
  void theInstallDocs_pinTheReleaseTag_andTheTemplateDefaultsToTheRelease() throws IOException {
    String tag = "v" + DeployedRepository.VERSION;
    String readme = Files.readString(BASEDIR.resolve("README.md"));

    assertThat(readme).contains("rev: " + tag, "ref: " + tag,
        "v=" + DeployedRepository.VERSION + "\n");
    assertThat(Files.readString(BASEDIR.resolve("docs/pre-commit.md"))).contains("rev: " + tag);
    assertThat(Files.readString(BASEDIR.resolve("gitlab-template/README.md"))).contains("ref: " + tag);
    assertThat(mentions("t", Files.readString(BASEDIR.resolve("gitlab-template/deployguard.yml"))))
        .extracting(Mention::version).contains(DeployedRepository.VERSION);
    assertThat(Files.readString(BASEDIR.resolve("examples/jenkins/Jenkinsfile")))
        .contains("DEPLOYGUARD_VERSION = '" + DeployedRepository.VERSION + "'");
  }

  @Test
  void aStaleVersion_inAnyOfThosePlaces_isFound() {
    String stale = """
        rev: v0.0.9
        ref: v0.0.9
        curl -fLO https://repo1.maven.org/maven2/io/deployguard/deployguard/0.0.9/deployguard-0.0.9-all.jar
        docker run deployguard:0.0.9
        DEPLOYGUARD_VERSION = '0.0.9'
        | `version` | `0.0.9` | the release |
        the plugin's version `0.0.9` field
        v=0.0.9
        """;

    assertThat(mentions("stale", stale)).extracting(Mention::version).hasSizeGreaterThanOrEqualTo(9)
        .containsOnly("0.0.9");
  }
}
