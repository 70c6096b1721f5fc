package io.deployguard.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fixture folder of one rule, {@code <family>/<RULE ID>/} under the test resources: its
 * {@code pass-*} and {@code fail-*} cases and, beside them, {@code expected-findings.txt}, one line
 * per case: {@code <case file>: <rule ids the case gets>} (nothing after the colon: none). A
 * {@code fail-} case gets the folder's rule, a {@code pass-} case does not; both may get others.
 * Dockerfile folders say what they expect inside each case instead ({@code # expect-next:}).
 *
 * @param folder the rule's folder
 */
public record RuleFixtures(Path folder) {

  public static final String EXPECTED = "expected-findings.txt";
  private static final Pattern RULE_ID = Pattern.compile("[A-Z]{2,8}[0-9]{3}");

  /** One case and the rule ids it gets. */
  public record Case(String rule, Path file, Set<String> expected) {
    public boolean fails() {
      return file.getFileName().toString().startsWith("fail-");
    }

    @Override
    public String toString() {
      return rule + "/" + file.getFileName();
    }
  }

  /**
   * {@code src/test/resources/<family>}, read where it is written (tests run in the project
   * folder), so that a folder removed there is gone here too.
   */
  public static Path root(String family) {
    Path root = Path.of("src", "test", "resources", family);
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException("no fixture root " + root);
    }
    return root;
  }

  /** The folders under {@code family} that are named like a rule id, in id order. */
  public static List<RuleFixtures> under(String family) {
    try (Stream<Path> s = Files.list(root(family))) {
      return s.filter(Files::isDirectory).filter(p -> RULE_ID.matcher(p.getFileName().toString()).matches())
          .sorted().map(RuleFixtures::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every case of every rule under {@code family}. */
  public static List<Case> casesUnder(String family) {
    List<Case> out = new ArrayList<>();
    under(family).forEach(f -> out.addAll(f.cases()));
    return out;
  }

  public String ruleId() {
    return folder.getFileName().toString();
  }

  /** The {@code pass-*} and {@code fail-*} files, by name. */
  public List<Path> caseFiles() {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return n.startsWith("pass-") || n.startsWith("fail-");
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The cases with what {@code expected-findings.txt} says they get.
   *
   * @throws IllegalStateException when a case has no line, or a line names no case
   */
  public List<Case> cases() {
    Map<String, Set<String>> expected = expected();
    List<Case> out = new ArrayList<>();
    for (Path p : caseFiles()) {
      Set<String> ids = expected.remove(p.getFileName().toString());
      if (ids == null) {
        throw new IllegalStateException(folder.resolve(EXPECTED) + " has no line for " + p.getFileName());
      }
      out.add(new Case(ruleId(), p, ids));
    }
    if (!expected.isEmpty()) {
      throw new IllegalStateException(folder.resolve(EXPECTED) + " names cases that do not exist: " + expected.keySet());
    }
    return out;
  }

  /** {@code expected-findings.txt}, case file to rule ids. */
  public Map<String, Set<String>> expected() {
    Map<String, Set<String>> out = new TreeMap<>();
    try {
      for (String line : Files.readAllLines(folder.resolve(EXPECTED))) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
          throw new IllegalStateException(folder.resolve(EXPECTED) + ": '" + line + "' is not '<case>: <ids>'");
        }
        Set<String> ids = new TreeSet<>();
        for (String id : line.substring(colon + 1).trim().split("\\s+")) {
          if (!id.isEmpty()) {
            ids.add(id);
          }
        }
        out.put(line.substring(0, colon).trim(), ids);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
