package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Meta-tests over the plugin's sources, which Maven cannot build here: every step and installer
 * parameter has a form field and a help file, and the README's step snippets read as the Snippet
 * Generator writes them (known parameters only, in alphabetical order, single-quoted strings).
 */
class PluginFormsTest {

  private static final Path PLUGIN =
      Path.of(System.getProperty("deployguard.rootPom", "../../pom.xml")).getParent().resolve("jenkins-plugin");
  private static final Path JAVA = PLUGIN.resolve("src/main/java/io/deployguard/jenkins");
  private static final Path RESOURCES = PLUGIN.resolve("src/main/resources/io/deployguard/jenkins");
  private static final Pattern SETTER = Pattern.compile("@DataBoundSetter\\s+public void set(\\w)(\\w*)\\(");
  private static final Pattern CONSTRUCTOR_PARAM =
      Pattern.compile("@DataBoundConstructor\\s+public \\w+\\(([^)]*)\\)");

  /** The data-bound parameters a class declares itself, in source order. */
  private static Set<String> parameters(String className) throws IOException {
    String source = Files.readString(JAVA.resolve(className + ".java"));
    Set<String> names = new LinkedHashSet<>();
    Matcher c = CONSTRUCTOR_PARAM.matcher(source);
    if (c.find() && !c.group(1).isBlank()) {
      for (String param : c.group(1).split(",")) {
        String[] words = param.trim().split("\\s+");
        names.add(words[words.length - 1]);
      }
    }
    Matcher m = SETTER.matcher(source);
    while (m.find()) {
      names.add(m.group(1).toLowerCase(java.util.Locale.ROOT) + m.group(2));
    }
    return names;
  }

  private static Set<String> stepParameters(String step) throws IOException {
    Set<String> all = new LinkedHashSet<>(parameters("DeployguardStep"));
    all.addAll(parameters(step));
    return all;
  }

  private static void assertFormAndHelp(String className, Set<String> params, String... helpDirs) throws IOException {
    String jelly = Files.readString(RESOURCES.resolve(className).resolve("config.jelly"));
    assertTrue(Files.isRegularFile(RESOURCES.resolve(className).resolve("help.html")), className + " help.html");
    for (String p : params) {
      if (p.equals("label")) {
        assertTrue(jelly.contains("<t:label/>"), className + ": label field");
        continue;
      }
      assertTrue(jelly.contains("field=\"" + p + "\""), className + ": no form field for " + p);
      boolean help = false;
      for (String dir : helpDirs) {
        help |= Files.isRegularFile(RESOURCES.resolve(dir).resolve("help-" + p + ".html"));
      }
      assertTrue(help, className + ": no help-" + p + ".html");
    }
  }

  @Test
  void everyStepParameter_hasAFormFieldAndAHelpFile() throws IOException {
    Set<String> pre = stepParameters("DeployguardPredeployStep");
    Set<String> post = stepParameters("DeployguardPostdeployStep");
    assertTrue(pre.containsAll(List.of("installation", "plans", "dockerfiles", "images", "unstableAt", "reportsDir")), pre.toString());
    assertTrue(post.containsAll(List.of("region", "credentialsId", "apply", "unstableAt")), post.toString());
    assertFormAndHelp("DeployguardPredeployStep", pre, "DeployguardPredeployStep", "DeployguardStep");
    assertFormAndHelp("DeployguardPostdeployStep", post, "DeployguardPostdeployStep", "DeployguardStep");
  }

  @Test
  void everyInstallerParameter_hasAFormFieldAndAHelpFile() throws IOException {
    Set<String> params = parameters("DeployguardInstaller");
    assertEquals(Set.of("label", "version", "repositoryUrl"), params);
    assertFormAndHelp("DeployguardInstaller", params, "DeployguardInstaller");
    assertTrue(Files.isRegularFile(RESOURCES.resolve("DeployguardInstallation/help-home.html")));
  }

  @Test
  void theReadmesSnippets_areInTheSnippetGeneratorsForm() throws IOException {
    Pattern call = Pattern.compile("(deployguardPredeploy|deployguardPostdeploy)(\\(\\)| (.*))$");
    Pattern arg = Pattern.compile("(\\w+): ('[^'\\\\]*'|true|false)(, |$)");
    List<String> checked = new ArrayList<>();
    for (String line : Files.readAllLines(PLUGIN.resolve("README.md"))) {
      String code = line.strip();
      Matcher m = call.matcher(code);
      if (!m.matches() || line.startsWith("|") || line.contains("`")) {
        continue;
      }
      checked.add(code);
      if (m.group(3) == null) {
        continue;
      }
      Set<String> known = stepParameters(m.group(1).equals("deployguardPredeploy")
          ? "DeployguardPredeployStep" : "DeployguardPostdeployStep");
      List<String> names = new ArrayList<>();
      Matcher a = arg.matcher(m.group(3));
      int end = 0;
      while (a.find() && a.start() == end) {
        names.add(a.group(1));
        end = a.end();
      }
      assertEquals(m.group(3).length(), end, "not name: 'value', ... throughout: " + code);
      assertTrue(known.containsAll(names), "unknown parameter in " + code + " (known: " + known + ")");
      List<String> sorted = new ArrayList<>(names);
      sorted.sort(null);
      assertEquals(sorted, names, "the Snippet Generator sorts arguments by name: " + code);
    }
    assertFalse(checked.isEmpty(), "the README shows step snippets");
    assertTrue(checked.stream().anyMatch(c -> c.startsWith("deployguardPostdeploy credentialsId:")), checked.toString());
    assertTrue(checked.contains("deployguardPostdeploy()"), checked.toString());
  }
}
