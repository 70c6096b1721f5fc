package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed plans: each must exit 3 with one line naming the file and the place in it, and never
 * print a stack trace. Large, deep and binary inputs are made here rather than committed.
 */
class PlanCommandBadInputTest {

  @TempDir static Path tmp;

  /** A small valid plan, for cases that break one thing in it. */
  private static final String SG = "{\"address\":\"aws_security_group.a\",\"mode\":\"managed\",\"type\":\"aws_security_group\","
      + "\"name\":\"a\",\"change\":{\"actions\":[\"create\"],\"after\":{\"name\":\"a\",\"ingress\":[INGRESS],"
      + "\"egress\":[]},\"after_unknown\":{}}}";
  private static final String RULE = "{\"cidr_blocks\":[\"10.0.0.0/8\"],\"from_port\":22,\"to_port\":22,"
      + "\"protocol\":\"tcp\",\"self\":false}";
  private static final String VALID = "{\n\"format_version\": \"1.2\",\n\"terraform_version\": \"1.9.8\",\n"
      + "\"variables\": {\"region\": {\"value\": \"eu-west-1\"}},\n"
      + "\"resource_changes\": [\n" + SG.replace("INGRESS", RULE) + "\n]\n}\n";

  /** One malformed input and a fragment its place must contain. */
  record Case(String name, byte[] content, String place) {
    static Case text(String name, String content, String place) {
      return new Case(name, content.getBytes(StandardCharsets.UTF_8), place);
    }
  }

  private static String withRule(String rule) {
    return VALID.replace(RULE, rule);
  }

  private static String withSg(String sg) {
    return VALID.replace(SG.replace("INGRESS", RULE), sg);
  }

  private static byte[] concat(byte[]... parts) {
    int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(Case.text("empty", "", "start of file"));
    c.add(Case.text("only-whitespace", " \n\t\n", "start of file"));
    c.add(Case.text("hcl", "resource \"aws_security_group\" \"web\" {\n  name = \"web\"\n}\n", "line 1, column"));
    c.add(Case.text("truncated-in-resource", VALID.substring(0, VALID.length() / 2), "line "));
    c.add(Case.text("truncated-after-brace", "{", "line 1"));
    c.add(Case.text("truncated-in-string", "{\"format_version\": \"1.", "line 1"));
    Random random = new Random(42);
    byte[] noise = new byte[4096];
    random.nextBytes(noise);
    noise[0] = 0;
    c.add(new Case("binary-noise", noise, "line 1, column 1"));
    c.add(new Case("gzip", concat(new byte[] {0x1f, (byte) 0x8b, 8, 0}, noise), "line 1, column"));
    c.add(new Case("saved-tfplan-zip", concat(utf8("PK"), new byte[] {3, 4, 20, 0}, noise), "line 1, column"));
    c.add(new Case("invalid-utf8-in-address", concat(utf8("{\"format_version\":\"1.2\",\"resource_changes\":[{\"address\":\"aws_"),
        new byte[] {(byte) 0xC3, 0x28}, utf8("\"}]}")), "line 1, column"));
    c.add(new Case("invalid-utf8-in-skipped-section", concat(utf8("{\"format_version\":\"1.2\",\"variables\":{\"x\":{\"value\":\"a"),
        new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("\"}},\"resource_changes\":[]}")), "line 1, column"));
    c.add(new Case("invalid-utf8-truncated-sequence", concat(utf8("{\"format_version\":\"1.2\",\"terraform_version\":\""),
        new byte[] {(byte) 0xE2, (byte) 0x82}, utf8("\",\"resource_changes\":[]}")), "line 1, column"));
    c.add(Case.text("duplicate-top-level-key", VALID.replace("\"terraform_version\": \"1.9.8\"",
        "\"format_version\": \"1.2\""), "line 3"));
    c.add(Case.text("duplicate-key-in-skipped-section", VALID.replace("{\"region\": {\"value\": \"eu-west-1\"}}",
        "{\"region\": {\"value\": \"a\", \"value\": \"b\"}}"), "line 4"));
    c.add(Case.text("duplicate-key-in-rule", withRule(RULE.replace("\"self\":false", "\"from_port\":0")), "line 6"));
    c.add(Case.text("duplicate-type-in-resource-change", withSg(SG.replace("\"mode\":\"managed\",",
        "\"type\":\"aws_instance\",")).replace("INGRESS", RULE), "line 6"));
    c.add(Case.text("duplicate-after-in-change", withSg(SG.replace("\"after_unknown\":{}", "\"after\":{}"))
        .replace("INGRESS", RULE), "line 6"));
    c.add(Case.text("duplicate-key-in-planned-values", "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":"
        + "{\"resources\":[],\"resources\":[]}}}", "line 1"));
    c.add(Case.text("duplicate-key-deep-in-skipped-resource", withSg(SG.replace("aws_security_group\",\"name", "aws_instance\",\"name")
        .replace("\"egress\":[]", "\"egress\":[],\"tags\":{\"a\":{\"b\":1,\"c\":2,\"b\":3}}")).replace("INGRESS", RULE), "line 6"));
    c.add(Case.text("resource-changes-not-a-list", "{\"format_version\":\"1.2\",\"resource_changes\":{}}", "resource_changes"));
    c.add(Case.text("resource-change-a-string", "{\"format_version\":\"1.2\",\"resource_changes\":[\"aws_security_group.a\"]}",
        "resource_changes[0]"));
    c.add(Case.text("after-a-string", withSg(SG.replace("{\"name\":\"a\",\"ingress\":[INGRESS],\"egress\":[]}", "\"open\"")),
        "resource_changes[0].change.after"));
    c.add(Case.text("ingress-a-string", withSg(SG.replace("[INGRESS]", "\"0.0.0.0/0\"")),
        "resource_changes[0].change.after.ingress"));
    c.add(Case.text("port-a-string", withRule(RULE.replace("\"from_port\":22", "\"from_port\":\"22\"")),
        "resource_changes[0].change.after.ingress[0].from_port"));
    c.add(Case.text("port-a-fraction", withRule(RULE.replace("\"from_port\":22", "\"from_port\":22.5")),
        "ingress[0].from_port"));
    c.add(Case.text("cidr-blocks-a-string", withRule(RULE.replace("[\"10.0.0.0/8\"]", "\"10.0.0.0/8\"")),
        "ingress[0].cidr_blocks"));
    c.add(Case.text("self-a-string", withRule(RULE.replace("\"self\":false", "\"self\":\"no\"")), "ingress[0].self"));
    c.add(Case.text("format-version-a-number", VALID.replace("\"1.2\"", "1.2"), "format_version"));
    c.add(Case.text("address-a-number", withSg(SG.replace("\"aws_security_group.a\"", "42")).replace("INGRESS", RULE),
        "resource_changes[0].address"));
    c.add(Case.text("actions-not-a-list", withSg(SG.replace("[\"create\"]", "\"create\"")).replace("INGRESS", RULE),
        "resource_changes[0].change.actions"));
    c.add(Case.text("deep-nesting-in-skipped-section", "{\"format_version\":\"1.2\",\"variables\":" + "[".repeat(10_000),
        "line 1, column"));
    c.add(Case.text("deep-nesting-in-rule", withRule("{\"x\":" + "[".repeat(300) + "]".repeat(300) + "}"), "line 6, column"));
    c.add(Case.text("huge-number-in-skipped-section", VALID.replace("\"eu-west-1\"", "1" + "0".repeat(1000)), "line 4, column"));
    c.add(Case.text("huge-number-as-port", withRule(RULE.replace("\"from_port\":22", "\"from_port\":" + "9".repeat(200))),
        "line 6, column"));
    c.add(Case.text("huge-string", VALID.replace("\"aws_security_group.a\"", "\"" + "a".repeat(17 * 1024 * 1024) + "\""),
        "line 6, column"));
    c.add(Case.text("top-level-array", "[" + VALID + "]", "line 1, column 1"));
    c.add(Case.text("top-level-string", "\"plan\"", "line 1, column 1"));
    c.add(Case.text("top-level-number", "42", "line 1, column 1"));
    c.add(Case.text("state-file", "{\"format_version\":\"1.0\",\"terraform_version\":\"1.5.7\",\"values\":{\"root_module\":{}}}",
        "top level"));
    c.add(Case.text("wrapped-mock", "{\"mock\":{\"valid\":{\"tfplan\":" + VALID + "}}}", "top level"));
    c.add(Case.text("empty-object", "{}", "top level"));
    c.add(Case.text("format-version-2", VALID.replace("\"1.2\"", "\"2.0\""), "format_version"));
    c.add(Case.text("format-version-garbage", VALID.replace("\"1.2\"", "\"1.x\""), "format_version"));
    c.add(Case.text("no-format-version", VALID.replace("\"format_version\": \"1.2\",", ""), "top level"));
    c.add(Case.text("trailing-garbage", VALID + "x", "line 9"));
    c.add(Case.text("two-documents", VALID + VALID, "line 9"));
    c.add(Case.text("errored-plan", VALID.replace("\"terraform_version\"", "\"errored\": true, \"terraform_version\""),
        "errored"));
    c.add(Case.text("resource-change-without-type", withSg(SG.replace("\"type\":\"aws_security_group\",", ""))
        .replace("INGRESS", RULE), "resource_changes[0]"));
    c.add(Case.text("nan", VALID.replace("\"eu-west-1\"", "NaN"), "line 4, column"));
    c.add(Case.text("comment", VALID.replace("\n\"variables\"", "\n// variables\n\"variables\""), "line 4, column"));
    c.add(Case.text("single-quotes", VALID.replace("\"eu-west-1\"", "'eu-west-1'"), "line 4, column"));
    c.add(Case.text("raw-newline-in-string", VALID.replace("\"eu-west-1\"", "\"eu-\nwest-1\""), "line 4, column"));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> everyMalformedPlanExits3WithOneLineNamingFileAndPlace() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      Path file = tmp.resolve(c.name() + ".json");
      Files.write(file, c.content());
      assertRejected(file, c.place());
    }));
  }

  @TestFactory
  Stream<DynamicTest> filesThatCannotBeOpenedExit3Too() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("a-directory.json"));
    return Stream.of(
        DynamicTest.dynamicTest("missing file", () -> assertRejected(tmp.resolve("missing.json"), "no such file")),
        DynamicTest.dynamicTest("directory", () -> assertRejected(dir, "")));
  }

  @TestFactory
  Stream<DynamicTest> thereAreAtLeastThirtyCases() {
    return Stream.of(DynamicTest.dynamicTest("count", () -> assertThat(cases()).hasSizeGreaterThanOrEqualTo(30)));
  }

  private static void assertRejected(Path file, String place) {
    PlanCommandTest.Run r = PlanCommandTest.run("plan", file.toString());
    String all = r.out() + r.err();
    assertThat(r.exit()).as(all).isEqualTo(3);
    // The report may name the input as a heading; the error itself is one line on stderr.
    List<String> mentions = r.err().lines()
        .filter(l -> l.contains(file.toString()) && l.startsWith("deployguard: "))
        .toList();
    assertThat(r.out().lines().filter(l -> l.contains(file.toString()) && l.startsWith("ERROR "))).as(all).hasSize(1);
    assertThat(mentions).as(all).hasSize(1);
    assertThat(mentions.get(0)).as("names the place").contains(place);
    assertThat(all).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    assertThat(mentions.get(0).length()).as("one readable line").isLessThan(600);
  }
}
