package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {

  private static final String KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final String TOKEN = "FwoGZXIvYXdzEBYaDH-session";

  private static String masked(String text, int chunk) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (SecretMasker out = new SecretMasker(sink, List.of(KEY, TOKEN, "", " "))) {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i += chunk) {
        out.write(bytes, i, Math.min(chunk, bytes.length - i));
      }
    }
    return sink.toString(StandardCharsets.UTF_8);
  }

  @Test
  void secrets_areMaskedWhereverTheWritesSplitThem() throws IOException {
    String text = "key=" + KEY + " token=" + TOKEN + "\nDF001 é " + KEY + KEY + "\nno newline " + TOKEN;
    String expected = "key=**** token=****\nDF001 é ********\nno newline ****";
    for (int chunk : new int[] {1, 3, 7, 4096}) {
      assertEquals(expected, masked(text, chunk), "chunk " + chunk);
    }
  }

  @Test
  void aLineLongerThanTheHoldLimit_isStillMaskedAcrossTheBoundary() throws IOException {
    for (int offset = -KEY.length(); offset <= 2; offset++) {
      String prefix = "x".repeat(SecretMasker.HOLD_LIMIT + offset);
      assertEquals(prefix + "****" + "y\n", masked(prefix + KEY + "y\n", 1000), "offset " + offset);
    }
  }

  @Test
  void completeLines_arePassedOnAtOnce_partialOnesWaitForTheirEnd() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    SecretMasker out = new SecretMasker(sink, List.of(KEY));
    out.write("first line\nsecond ".getBytes(StandardCharsets.UTF_8));
    out.flush();
    assertEquals("first line\n", sink.toString(StandardCharsets.UTF_8));
    out.write(KEY.substring(0, 5).getBytes(StandardCharsets.UTF_8));
    out.write((KEY.substring(5) + "\n").getBytes(StandardCharsets.UTF_8));
    assertEquals("first line\nsecond ****\n", sink.toString(StandardCharsets.UTF_8));
    out.close();
  }

  @Test
  void withoutSecrets_everythingPassesUnchanged() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (SecretMasker out = new SecretMasker(sink, List.of())) {
      out.write("a\nb".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("a\nb", sink.toString(StandardCharsets.UTF_8));
  }
}
