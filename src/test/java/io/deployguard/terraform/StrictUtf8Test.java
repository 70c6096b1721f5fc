package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.InputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The UTF-8 check reads ASCII eight bytes at a time and still places every malformed byte. */
class StrictUtf8Test {

  private static InputStream checked(byte[] data) {
    return new StrictUtf8(new ByteArrayInputStream(data), "plan.json", () -> new ByteArrayInputStream(data));
  }

  /** Reads the stream in pieces of {@code piece} bytes, as a parser's buffer would. */
  private static byte[] readAll(InputStream in, int piece) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[piece + 3];
    int n;
    while ((n = in.read(buf, 3, piece)) >= 0) {
      out.write(buf, 3, n);
    }
    return out.toByteArray();
  }

  private static byte[] withByteAt(String text, int at, byte[] inserted) {
    byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[ascii.length + inserted.length];
    System.arraycopy(ascii, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(ascii, at, out, at + inserted.length, ascii.length - at);
    return out;
  }

  @Test
  void wellFormedTextPassesThroughUnchangedWhateverThePieces() throws IOException {
    byte[] text = ("{\"name\":\"caf\u00e9 \u20ac \ud83d\ude00\",\n\"port\":443}\n".repeat(40)).getBytes(StandardCharsets.UTF_8);
    for (int piece : new int[] {1, 7, 8, 9, 64, 8192}) {
      assertThat(readAll(checked(text), piece)).isEqualTo(text);
    }
  }

  @Test
  void aMalformedByteInsideARunOfAsciiIsReportedAtItsLineAndColumn() {
    String text = "0123456789abcdef\n0123456789abcdef0123456789abcdef\n";
    for (int at = 17; at < 50; at++) {
      byte[] data = withByteAt(text, at, new byte[] {(byte) 0xFF});
      for (int piece : new int[] {5, 8, 16, 4096}) {
        assertThatThrownBy(() -> readAll(checked(data), piece))
            .isInstanceOf(InputException.class)
            .hasMessageContaining("line 2, column " + (at - 16))
            .hasMessageContaining("byte 0xff starts no UTF-8 character");
      }
    }
  }

  @Test
  void aNulEndsTheCheckSoThatTheParserReportsABinaryFile() throws IOException {
    byte[] data = withByteAt("0123456789abcdef0123456789abcdef", 11, new byte[] {0, (byte) 0xFF});
    assertThat(readAll(checked(data), 4096)).isEqualTo(data);
  }

  @Test
  void aCharacterCutOffByTheEndOfTheFileIsRefused() {
    byte[] data = withByteAt("0123456789abcdef0123456789abcdef", 32, new byte[] {(byte) 0xE2, (byte) 0x82});
    assertThatThrownBy(() -> readAll(checked(data), 8))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("the file ends inside a character");
  }
}
