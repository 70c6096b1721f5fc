package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the Ant/Surefire dialect Jenkins, GitLab and most CI servers read) so a pipeline shows
 * what was checked: one {@code testsuite} per evaluated rule, one {@code testcase} per rule and
 * resource ({@code classname = deployguard.RULE}, {@code name = resource}), failing when an active
 * finding reaches the threshold; a rule without findings gets one passing case; waived or
 * baselined cases are {@code skipped}; findings below the threshold pass and are listed in {@code
 * system-out}. Each scan error is an {@code error} case in a {@code scan errors} suite.
 */
public final class JUnitReporter implements Reporter {
  private static final Format FORMAT = new Format("junit", "deployguard-junit.xml",
      "test-report views: GitLab artifacts:reports:junit, Jenkins junit");

  @Override
  public Format format() {
    return FORMAT;
  }

  static final String NO_FINDINGS = "no findings";

  @Override
  public void write(ScanResult result, Writer out) throws IOException {
    Suites suites = Suites.of(result);
    try {
      // The JDK's own StAX writer, not whichever implementation the classpath offers: same bytes everywhere.
      XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
      new XmlOut(xml).suites(suites);
      xml.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
    }
  }

  /** The report as a value: suites of cases, with their counts derived, before any XML is written. */
  record Suites(List<Suite> suites) {
    int tests() {
      return suites.stream().mapToInt(s -> s.cases().size()).sum();
    }

    int failures() {
      return suites.stream().mapToInt(Suite::failures).sum();
    }

    int errors() {
      return suites.stream().mapToInt(Suite::errors).sum();
    }

    int skipped() {
      return suites.stream().mapToInt(Suite::skipped).sum();
    }

    static Suites of(ScanResult result) {
      Map<String, Map<String, List<Finding>>> byRule = new TreeMap<>();
      for (RuleMetadata r : result.rules()) {
        byRule.put(r.id(), new TreeMap<>());
      }
      Map<String, String> titles = new TreeMap<>();
      result.rules().forEach(r -> titles.put(r.id(), r.title()));
      // The same resource in two inputs (prod.json and staging.json) is two cases, named with their input.
      Map<String, java.util.Set<String>> inputsOf = new HashMap<>();
      for (Finding f : result.findings()) {
        inputsOf.computeIfAbsent(f.ruleId() + '\u0000' + f.resource(), k -> new java.util.TreeSet<>()).add(f.input());
      }
      for (Finding f : result.findings()) {
        // An organisation-wide run: one suite per rule and target (account and region).
        String suite = f.details().containsKey("account") ? f.ruleId() + " " + f.details().get("account_name") + " ("
            + f.details().get("account") + ") " + f.details().get("region") : f.ruleId();
        titles.putIfAbsent(suite, f.title());
        String name = inputsOf.get(f.ruleId() + '\u0000' + f.resource()).size() > 1
            ? f.resource() + " (" + f.input() + ")" : f.resource();
        byRule.computeIfAbsent(suite, k -> new TreeMap<>())
            .computeIfAbsent(name, k -> new ArrayList<>()).add(f);
      }
      List<Suite> suites = new ArrayList<>();
      for (Map.Entry<String, Map<String, List<Finding>>> rule : byRule.entrySet()) {
        String classname = "deployguard." + rule.getKey().split(" ", 2)[0];
        List<Case> cases = new ArrayList<>();
        if (rule.getValue().isEmpty()) {
          cases.add(new Case(classname, NO_FINDINGS, Outcome.PASSED, null, null, null));
        }
        rule.getValue().forEach((resource, findings) ->
            cases.add(Case.of(classname, resource, findings, result.failOn())));
        String[] key = rule.getKey().split(" ", 2);
        suites.add(new Suite(key[0] + " " + titles.get(rule.getKey()) + (key.length > 1 ? " — " + key[1] : ""), cases));
      }
      if (result.hasErrors()) {
        List<Case> cases = new ArrayList<>();
        for (ScanError e : result.errors()) {
          String name = e.place().isEmpty() ? e.input() : e.input() + ": " + e.place();
          String body = e.message() + (e.hint().isEmpty() ? "" : "\nhint: " + e.hint());
          cases.add(new Case("deployguard.scan", name, Outcome.ERROR, e.message(), body, null));
        }
        suites.add(new Suite("scan errors", cases));
      }
      return new Suites(suites);
    }
  }

  record Suite(String name, List<Case> cases) {
    int failures() {
      return count(Outcome.FAILED);
    }

    int errors() {
      return count(Outcome.ERROR);
    }

    int skipped() {
      return count(Outcome.SKIPPED);
    }

    private int count(Outcome o) {
      return (int) cases.stream().filter(c -> c.outcome() == o).count();
    }
  }

  enum Outcome {
    PASSED,
    FAILED,
    SKIPPED,
    ERROR
  }

  /**
   * One rule and resource. {@code message} is the outcome element's attribute (one line), {@code
   * body} its text, {@code out} the {@code system-out} text.
   */
  record Case(String classname, String name, Outcome outcome, String message, String body, String out) {

    static Case of(String classname, String resource, List<Finding> findings, Severity failOn) {
      List<Finding> failing = findings.stream().filter(f -> !f.suppressed() && f.severity().atLeast(failOn)).toList();
      List<Finding> others = findings.stream().filter(f -> !failing.contains(f)).toList();
      String out = others.isEmpty() ? null : String.join("\n", others.stream().map(Case::describe).toList());
      if (!failing.isEmpty()) {
        String message = failing.size() == 1
            ? failing.get(0).message()
            : failing.size() + " findings at or above " + failOn.lowerName() + ": " + failing.get(0).message();
        String body = String.join("\n\n", failing.stream().map(Case::detail).toList());
        return new Case(classname, resource, Outcome.FAILED, message, body, out);
      }
      if (findings.stream().allMatch(Finding::suppressed)) {
        Finding first = findings.get(0);
        return new Case(classname, resource, Outcome.SKIPPED,
            Texts.suppressedBy(first),
            null, out);
      }
      return new Case(classname, resource, Outcome.PASSED, null, null, out);
    }

    private static String detail(Finding f) {
      return f.severity() + " " + f.ruleId() + " " + f.resource() + "\n" + f.message()
          + "\nat " + f.location().display() + "\nfix: " + f.fix();
    }

    private static String describe(Finding f) {
      String why = f.suppressed()
          ? Texts.suppressedBy(f)
          : "below the fail threshold";
      return f.severity() + " " + f.ruleId() + " " + f.message() + " (" + why + ") at " + f.location().display();
    }
  }

  /** Writes the model; kept apart so the structure above stays testable without XML. */
  private record XmlOut(XMLStreamWriter xml) {
    void suites(Suites s) throws XMLStreamException {
      xml.writeStartDocument("UTF-8", "1.0");
      nl(0);
      xml.writeStartElement("testsuites");
      xml.writeAttribute("name", "deployguard");
      xml.writeAttribute("tests", String.valueOf(s.tests()));
      xml.writeAttribute("failures", String.valueOf(s.failures()));
      xml.writeAttribute("errors", String.valueOf(s.errors()));
      for (Suite suite : s.suites()) {
        nl(1);
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", attr(suite.name()));
        xml.writeAttribute("tests", String.valueOf(suite.cases().size()));
        xml.writeAttribute("failures", String.valueOf(suite.failures()));
        xml.writeAttribute("errors", String.valueOf(suite.errors()));
        xml.writeAttribute("skipped", String.valueOf(suite.skipped()));
        for (Case c : suite.cases()) {
          testcase(c);
        }
        nl(1);
        xml.writeEndElement();
      }
      nl(0);
      xml.writeEndElement();
      nl(0);
      xml.writeEndDocument();
    }

    private void testcase(Case c) throws XMLStreamException {
      nl(2);
      boolean empty = c.outcome() == Outcome.PASSED && c.out() == null;
      if (empty) {
        xml.writeEmptyElement("testcase");
      } else {
        xml.writeStartElement("testcase");
      }
      xml.writeAttribute("classname", attr(c.classname()));
      xml.writeAttribute("name", attr(c.name()));
      if (empty) {
        return;
      }
      String element = switch (c.outcome()) {
        case FAILED -> "failure";
        case ERROR -> "error";
        case SKIPPED -> "skipped";
        case PASSED -> null;
      };
      if (element != null) {
        nl(3);
        if (c.body() == null) {
          xml.writeEmptyElement(element);
        } else {
          xml.writeStartElement(element);
        }
        xml.writeAttribute("message", attr(c.message()));
        if (c.outcome() != Outcome.SKIPPED) {
          xml.writeAttribute("type", c.outcome() == Outcome.ERROR ? "ScanError" : "PolicyViolation");
        }
        if (c.body() != null) {
          xml.writeCharacters(text(c.body()));
          xml.writeEndElement();
        }
      }
      if (c.out() != null) {
        nl(3);
        xml.writeStartElement("system-out");
        xml.writeCharacters(text(c.out()));
        xml.writeEndElement();
      }
      nl(2);
      xml.writeEndElement();
    }

    private static final String[] LINE_STARTS = {"\n", "\n  ", "\n    ", "\n      "};

    private void nl(int depth) throws XMLStreamException {
      xml.writeCharacters(LINE_STARTS[depth]);
    }

    /** Attributes lose line breaks to whitespace normalisation anyway; make it explicit. */
    private static String attr(String s) {
      if (unchanged(s, false)) {
        return s;
      }
      return xmlChars(s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' '));
    }

    private static String text(String s) {
      if (unchanged(s, true)) {
        return s;
      }
      return xmlChars(s.replace("\r\n", "\n").replace('\r', '\n'));
    }

    /**
     * Whether {@link #attr} ({@code textLike} false) or {@link #text} would give {@code s} back as
     * it is, as nearly every text does: no control character (but a line feed or tab in text), no
     * surrogate, no U+FFFE or U+FFFF.
     */
    private static boolean unchanged(String s, boolean textLike) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < 0x20 ? !textLike || (c != '\n' && c != '\t') : c > 0xD7FF && (c < 0xE000 || c > 0xFFFD)) {
          return false;
        }
      }
      return true;
    }

    /** Characters XML 1.0 cannot hold at all (most C0 controls, lone surrogates) become U+FFFD. */
    private static String xmlChars(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          sb.append(c).append(s.charAt(++i));
        } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
            || (c >= 0xE000 && c <= 0xFFFD)) {
          sb.append(c);
        } else {
          sb.append('\uFFFD');
        }
      }
      return sb.toString();
    }
  }
}
