package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text of the human reports as written: the same clean-up as {@link Texts}, in pieces of about 64 KB. */
class ReportTextTest {
  private static final List<String> TEXTS = List.of("", "plain", "aws_security_group.web[\"a b\"]", "caf\u00e9 \u65e5\u672c",
      "two\nlines", "tab\there", "crlf\r\nend", "lone\rcr", "ends with cr\r", "\r\n", "\u001b[31mred\u001b[0m",
      "bell\u0007", "del\u007f", "c1\u0085\u009f", "nbsp\u00a0ok", "separators\u2028and\u2029", "emoji \ud83d\ude00",
      "\n\n\t");

  private static String written(java.util.function.Consumer<ReportText> body) throws Exception {
    StringWriter out = new StringWriter();
    ReportText text = new ReportText(out);
    body.accept(text);
    text.drain();
    return out.toString();
  }

  @Test
  void oneLine_givesWhatTextsOneLineGives_forCleanAndDirtyTexts() throws Exception {
    for (String s : TEXTS) {
      assertThat(written(t -> t.append('[').oneLine(s).append(']'))).as(s).isEqualTo("[" + Texts.oneLine(s) + "]");
    }
  }

  @Test
  void aRepeatedText_isCleanedUpTheSameEveryTime() throws Exception {
    for (String s : TEXTS) {
      assertThat(written(t -> t.oneLineRepeated(s).append('|').oneLineRepeated(s).append('|').oneLineRepeated(s)))
          .as(s).isEqualTo(String.join("|", Texts.oneLine(s), Texts.oneLine(s), Texts.oneLine(s)));
    }
  }

  @Test
  void printable_keepsLineBreaks_andStartsEachFollowingLineWithTheGivenIndent() throws Exception {
    for (String s : TEXTS) {
      assertThat(written(t -> t.printable(s, "    "))).as(s).isEqualTo(Texts.printable(s).replace("\n", "\n    "));
    }
    assertThat(written(t -> t.printable("a\r\nb\u001bc", "  "))).isEqualTo("a\n  b\uFFFDc");
  }

  @Test
  void aLongReport_reachesTheWriterWhole_inPiecesOfAbout64KB() throws Exception {
    StringWriter out = new StringWriter();
    ReportText text = new ReportText(out);
    StringBuilder expected = new StringBuilder();
    String line = "x".repeat(999) + "\n";
    for (int i = 0; i < 300; i++) {
      text.append(line).oneLine("r" + i + "\u001b").append(i);
      expected.append(line).append("r").append(i).append('\uFFFD').append(i);
      text.drainWhenFull();
      assertThat(out.getBuffer().length()).isLessThanOrEqualTo(expected.length());
      assertThat(expected.length() - out.getBuffer().length()).isLessThan((1 << 16) + 1000);
    }
    assertThat(out.getBuffer().length()).isPositive();
    assertThat(text.append(String.valueOf('\u2028'), 0).append("x".repeat(200_000), 200_000).oneLine("\u2028"))
        .isSameAs(text);
    expected.append("x".repeat(200_000)).append('\uFFFD');
    text.drain();
    assertThat(out.toString()).isEqualTo(expected.toString());
  }
}
