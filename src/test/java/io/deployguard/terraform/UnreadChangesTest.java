package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.deployguard.policy.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A resource change of a type the reader does not read is skipped whole when it is plain
 * ({@link PlanParser#skipChange}); whatever the element holds, the plan or the error, with its
 * line and column, is the one the reader gives when it walks the element itself.
 */
class UnreadChangesTest {

  @TempDir Path tmp;

  private static final String GROUP = "{\"address\":\"aws_security_group.g\",\"mode\":\"managed\",\"type\":\"aws_security_group\","
      + "\"change\":{\"actions\":[\"create\"],\"after\":{\"name\":\"g\",\"ingress\":[{\"cidr_blocks\":[\"0.0.0.0/0\"],"
      + "\"from_port\":22,\"to_port\":22,\"protocol\":\"tcp\"}],\"egress\":[]},\"after_unknown\":{}}}";

  private static String unread(String head, String change) {
    return "{" + head + ",\"change\":" + change + "}";
  }

  private static final String PLAIN_HEAD = "\"address\":\"aws_instance.a\",\"mode\":\"managed\",\"type\":\"aws_instance\"";
  private static final String CHANGE = "{\"actions\":[\"create\"],\"before\":null,\"after\":{\"ami\":\"x\",\"n\":[1,2]},\"after_unknown\":{}}";

  static Stream<String> elements() {
    return Stream.of(
        unread(PLAIN_HEAD, CHANGE),
        unread(PLAIN_HEAD + ",\"name\":\"a\",\"index\":\"k\",\"provider_name\":\"p\",\"action_reason\":\"x\"", CHANGE),
        unread("\"address\":\"module.svc[\\\"blue\\\"].aws_instance.a\",\"mode\":\"managed\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.\\u00e9\",\"mode\":\"managed\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.\\ud800\",\"mode\":\"managed\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.a\",\"mode\":\"\\ud800\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.a\",\"mode\":\"managed\",\"type\":\"aws_\\u0069nstance\"", CHANGE),
        // An escape that spells a type the reader reads: it must be read.
        unread("\"address\":\"aws_security_group.e\",\"mode\":\"managed\",\"type\":\"aws_security_gro\\u0075p\"",
            "{\"actions\":[\"create\"],\"after\":{\"ingress\":[{\"cidr_blocks\":[\"0.0.0.0/0\"],\"from_port\":22,"
                + "\"to_port\":22,\"protocol\":\"tcp\"}]},\"after_unknown\":{}}"),
        unread("\"address\":\"aws_instance.a\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.a\",\"mode\":1,\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.a\",\"mode\":\"managed\",\"type\":5", CHANGE),
        unread("\"address\":7,\"mode\":\"managed\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"mode\":\"managed\",\"type\":\"aws_instance\"", CHANGE),
        unread("\"address\":\"aws_instance.a\",\"mode\":\"managed\"", CHANGE),
        unread(PLAIN_HEAD, "[]"),
        unread(PLAIN_HEAD, "null"),
        "{" + PLAIN_HEAD + "}",
        unread(PLAIN_HEAD + ",\"type\":\"aws_instance\"", CHANGE),
        unread(PLAIN_HEAD, "{\"actions\":[\"create\"],\"actions\":[]}"),
        // The change before the type is read before the type is known, and its defects reported.
        "{\"change\":{\"actions\":[\"create\"],\"after\":5},\"address\":\"aws_instance.a\",\"type\":\"aws_instance\"}",
        "{\"change\":" + CHANGE + ",\"address\":\"aws_instance.a\",\"type\":\"aws_instance\"}",
        unread("\"address\":\"data.aws_security_group.d\",\"mode\":\"data\",\"type\":\"aws_security_group\"", CHANGE),
        unread(PLAIN_HEAD, "{\"actions\":[\"create\"],\"after\":{\"a\":01}}"),
        unread(PLAIN_HEAD, "{\"actions\":[\"create\"],\"after\":{\"a\":1,}}"));
  }

  /** A plan of many resource changes, {@code element} among them, so that later lines count too. */
  private Path plan(String element, String lineBreak, boolean defectAfter) throws IOException {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      changes.add(i % 5 == 0 ? GROUP.replace("aws_security_group.g", "aws_security_group.g" + i)
          : unread(PLAIN_HEAD.replace("aws_instance.a", "aws_instance.a" + i), CHANGE));
      if (i == 12) {
        changes.add(element);
      }
    }
    // A defect after the element: its line and column show that the lines before it were counted.
    String json = "{\"format_version\":\"1.2\",\"resource_changes\":[" + String.join("," + lineBreak, changes)
        + "]" + (defectAfter ? "," + lineBreak + "\"errored\":\"no\"" : "") + "}";
    return Files.writeString(tmp.resolve("plan.json"), json);
  }

  private static Object outcome(Path plan, boolean skipUnread) {
    boolean was = PlanReader.skipUnread;
    PlanReader.skipUnread = skipUnread;
    try {
      return PlanReader.read(plan);
    } catch (InputException e) {
      return "error: " + e.getMessage() + " | " + e.place();
    } finally {
      PlanReader.skipUnread = was;
    }
  }

  @ParameterizedTest
  @MethodSource("elements")
  void anElementSkippedWhole_readsAsTheReaderReadsItAlone(String element) throws IOException {
    for (String lineBreak : new String[] {"", "\n", "\r\n", "\r"}) {
      for (boolean defectAfter : new boolean[] {false, true}) {
        Path plan = plan(element, lineBreak, defectAfter);
        assertThat(outcome(plan, true)).as("%s with %s", element, lineBreak.replace("\r", "CR").replace("\n", "LF"))
            .isEqualTo(outcome(plan, false));
      }
    }
  }
}
