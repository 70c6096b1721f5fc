package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A large plan's {@code resource_changes} is read partly on a second core, in pieces cut at
 * seams between resource changes. Here pieces are a few hundred bytes and the reader waits for the
 * worker at every seam, so that the worker's pieces are taken wherever they can be: whatever the
 * plan, the result or the error must be the one the reader reaches alone.
 */
class PlanPiecesTest {

  @TempDir Path tmp;

  /** What reading gives: the plan, or the error line. */
  private static Object outcome(Path plan, long minSize, boolean[] tookOver) {
    try {
      return PlanReader.read(plan, minSize, 300, tookOver);
    } catch (InputException e) {
      return "error: " + e.getMessage() + " | " + e.place();
    }
  }

  /** Reads {@code plan} alone and in pieces; asserts the same outcome and tells whether pieces were taken. */
  private static boolean sameEitherWay(Path plan) {
    Object alone = outcome(plan, Long.MAX_VALUE, null);
    boolean[] tookOver = {false};
    Object pieces = outcome(plan, 0, tookOver);
    assertThat(pieces).as(plan.toString()).isEqualTo(alone);
    return tookOver[0];
  }

  /** A resource change of a type that is read, or of one that is skipped. */
  private static String change(int i) {
    String after = switch (i % 7) {
      case 0 -> "{\"name\":\"g" + i + "\",\"ingress\":[{\"cidr_blocks\":[\"0.0.0.0/0\"],\"from_port\":22,\"to_port\":22,"
          + "\"protocol\":\"tcp\",\"description\":\"ssh " + i + " \\u00e9\"},{\"cidr_blocks\":[\"10.0." + (i % 250)
          + ".0/24\"],\"from_port\":443,\"to_port\":443,\"protocol\":\"tcp\"}],\"egress\":[]}";
      case 1 -> "{\"type\":\"ingress\",\"security_group_id\":\"sg-" + i + "\",\"cidr_blocks\":[\"0.0.0.0/0\"],"
          + "\"from_port\":3389,\"to_port\":3389,\"protocol\":\"tcp\"}";
      case 2 -> "{\"name\":\"/app/" + i + "\",\"retention_in_days\":" + (i % 3 == 0 ? "null" : "30") + "}";
      case 4 -> "{\"cluster_name\":\"c\",\"disk_size\":" + (i % 3 == 0 ? "20" : "80") + ",\"instance_types\":[\"m5.large\"],"
          + "\"launch_template\":[]}";
      case 5 -> "{\"name\":\"lt" + i + "\",\"block_device_mappings\":[{\"device_name\":\"/dev/xvda\",\"ebs\":[{\"volume_size\":"
          + (10 + i % 50) + "}]}]}";
      case 6 -> "{\"name\":\"cluster" + i + "\",\"version\":\"1.29\"}";
      // Nested objects that open with "address", as resource changes do: seams that are not ones.
      default -> "{\"ami\":\"ami-1\",\"network_interface\":[{\"address\":\"10.0.0." + (i % 250) + "\",\"n\":1},"
          + "{\"address\":\"10.0.1.1\",\"n\":2}]}";
    };
    String type = switch (i % 7) {
      case 0 -> "aws_security_group";
      case 1 -> "aws_security_group_rule";
      case 2 -> "aws_cloudwatch_log_group";
      case 4 -> "aws_eks_node_group";
      case 5 -> "aws_launch_template";
      case 6 -> "aws_eks_cluster";
      default -> "aws_instance";
    };
    return "{\"address\":\"" + type + ".r" + i + "\",\"mode\":\"managed\",\"type\":\"" + type + "\",\"name\":\"r" + i
        + "\",\"change\":{\"actions\":[\"create\"],\"before\":null,\"after\":" + after + ",\"after_unknown\":{}}}";
  }

  /** A plan with look-alike seams before and after {@code resource_changes}, on one line. */
  private static String plan(int n, String tail) {
    List<String> planned = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    List<String> prior = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      planned.add("{\"address\":\"aws_instance.p" + i + "\",\"mode\":\"managed\",\"type\":\"aws_instance\",\"values\":{\"ami\":\"x\"}}");
      changes.add(change(i));
      prior.add("{\"address\":\"aws_instance.s" + i + "\",\"mode\":\"managed\",\"type\":\"aws_instance\",\"values\":{}}");
    }
    return "{\"format_version\":\"1.2\",\"terraform_version\":\"1.9.8\",\"planned_values\":{\"root_module\":{\"resources\":["
        + String.join(",", planned) + "]}},\"resource_drift\":[" + change(1000) + "," + change(1001)
        + "],\"resource_changes\":[" + String.join(",", changes) + "],\"prior_state\":{\"values\":{\"root_module\":"
        + "{\"resources\":[" + String.join(",", prior) + "]}}},\"configuration\":{\"root_module\":{}}" + tail + "}";
  }

  /** The same JSON with a line break and indentation after every bracket and comma outside strings. */
  private static String pretty(String json, String lineBreak) {
    StringBuilder out = new StringBuilder();
    boolean inString = false;
    int depth = 0;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> out.append(c).append(lineBreak).append("  ".repeat(++depth));
        case '}', ']' -> out.append(lineBreak).append("  ".repeat(--depth)).append(c);
        case ',' -> out.append(c).append(lineBreak).append("  ".repeat(depth));
        case ':' -> out.append(": ");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static Stream<String> layouts() {
    return Stream.of("one line", "LF", "CRLF", "CR", "tabs");
  }

  private static String layout(String json, String layout) {
    return switch (layout) {
      case "LF" -> pretty(json, "\n");
      case "CRLF" -> pretty(json, "\r\n");
      case "CR" -> pretty(json, "\r");
      case "tabs" -> pretty(json, "\n").replace("  ", "\t");
      default -> json;
    };
  }

  private Path write(String name, String json) throws IOException {
    return Files.writeString(tmp.resolve(name), json);
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void aPlanReadInPieces_isThePlanReadAlone_linesIncluded(String layout) throws IOException {
    Path plan = write("plan.json", layout(plan(120, ""), layout));
    assertThat(sameEitherWay(plan)).as("the worker's pieces were taken").isTrue();
    Plan read = PlanReader.read(plan);
    assertThat(read.rules()).hasSizeGreaterThan(40);
    assertThat(List.of(read.logGroups().size(), read.nodeGroups().size(), read.launchTemplates().size(),
        read.clusters().size())).allSatisfy(n -> assertThat(n).isGreaterThan(10));
    if (!layout.equals("one line")) {
      assertThat(read.rules()).allSatisfy(r -> assertThat(r.origin().location().line()).isNotNull());
      assertThat(read.clusters()).allSatisfy(c -> assertThat(c.location().line()).isNotNull());
    }
  }

  @Test
  void fieldsAfterResourceChanges_areReadFromTheLastPiece() throws IOException {
    // format_version only after resource_changes, "errored" at the very end.
    String json = plan(60, "").replace("{\"format_version\":\"1.2\",", "{");
    Path late = write("late.json", json.substring(0, json.length() - 1) + ",\"format_version\":\"1.2\"}");
    assertThat(sameEitherWay(late)).isTrue();
    assertThat(PlanReader.read(late, 0, 300, new boolean[1]).formatVersion()).isEqualTo("1.2");
    Path errored = write("errored.json", plan(60, ",\"errored\":true"));
    assertThat(sameEitherWay(errored)).isTrue();
    assertThat(outcome(errored, 0, new boolean[1])).asString().contains("terraform reported errors");
  }

  /** Defects placed late in the plan, where the worker reads. */
  static Stream<String> lateDefects() {
    return Stream.of("duplicate key in a late change", "top-level key repeated after resource_changes",
        "malformed UTF-8 late", "content after the document", "truncated", "a late change that is a list",
        "a late change without change", "a raw line break in a late string", "a wrong type in a late rule",
        "a late resource_changes element that is a number");
  }

  private static String defective(String defect, String layout) {
    String json = layout(plan(80, ""), layout);
    int late = json.indexOf("aws_security_group.r77");
    return switch (defect) {
      case "duplicate key in a late change" -> json.replaceFirst("\"name\": ?\"g77\"", "\"name\":\"g77\",\"name\":\"again\"");
      case "top-level key repeated after resource_changes" -> json.substring(0, json.lastIndexOf('}')) + ",\"terraform_version\":\"1.0.0\"}";
      case "malformed UTF-8 late" -> json.substring(0, late) + "\u0001" + json.substring(late);
      case "content after the document" -> json + " {}";
      case "truncated" -> json.substring(0, json.length() - 40);
      case "a late change that is a list" -> json.replaceFirst("(\"aws_security_group_rule.r78\"[^{]*?\"change\": ?)\\{", "$1[],\"x\":{");
      case "a late change without change" -> json.replaceFirst("(\"aws_security_group_rule.r78\"[^{]*?\")change(\")", "$1chang3$2");
      case "a raw line break in a late string" -> json.replace("ssh 77 ", "ssh\n77 ");
      case "a wrong type in a late rule" -> json.replaceFirst("(\"sg-78\"[^}]*?\"from_port\": ?)3389", "$1\"many\"");
      case "a late resource_changes element that is a number" -> json.replaceFirst("(,\\s*)(\\{\\s*\"address\": ?\"aws_instance.r73\")", "$1 7, $2");
      default -> throw new IllegalArgumentException(defect);
    };
  }

  @ParameterizedTest
  @MethodSource("lateDefects")
  void aDefectWhereTheWorkerReads_getsTheErrorTheReaderGivesAlone(String defect) throws IOException {
    for (String layout : List.of("one line", "CRLF")) {
      String json = defective(defect, layout);
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      if (defect.startsWith("malformed")) {
        bytes = bytes(json, b -> b == 1 ? (byte) 0xC0 : b);
      }
      Path plan = Files.write(tmp.resolve("bad.json"), bytes);
      assertThat(json).as("the defect was placed").isNotEqualTo(layout(plan(80, ""), layout));
      sameEitherWay(plan);
      assertThat(outcome(plan, Long.MAX_VALUE, null)).as(defect + ", " + layout).asString().startsWith("error: ");
    }
  }

  private static byte[] bytes(String json, UnaryOperator<Byte> change) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i++) {
      b[i] = change.apply(b[i]);
    }
    return b;
  }

  @Test
  void everyPlanFixtureAndCorpusPlan_readsTheSameInPieces() throws IOException {
    List<Path> plans = new ArrayList<>();
    try (Stream<Path> s = Files.walk(PlanFixtures.path("structure.json").getParent())) {
      s.filter(p -> p.toString().endsWith(".json")).forEach(plans::add);
    }
    Path corpus = Path.of("../shared/corpus/terraform-plans");
    if (Files.isDirectory(corpus)) {
      try (Stream<Path> s = Files.list(corpus)) {
        s.filter(p -> p.toString().endsWith(".json")).forEach(plans::add);
      }
    } else {
      System.out.println("SKIPPED (no ../shared/corpus/terraform-plans): corpus plans not read in pieces");
    }
    assertThat(plans).hasSizeGreaterThan(20);
    for (Path p : plans) {
      sameEitherWay(p);
    }
  }
}
