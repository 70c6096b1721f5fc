package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TerminalTest {

  @Test
  void terminalWithoutOverrides_getsColour() {
    assertThat(Terminal.color(false, Map.of("TERM", "xterm-256color"), true)).isTrue();
  }

  @Test
  void pipeOrFile_getsNoColour() {
    assertThat(Terminal.color(false, Map.of(), false)).isFalse();
  }

  @Test
  void noColorVariable_turnsColourOff_butOnlyWhenNotEmpty() {
    assertThat(Terminal.color(false, Map.of("NO_COLOR", "1"), true)).isFalse();
    assertThat(Terminal.color(false, Map.of("NO_COLOR", ""), true)).isTrue();
  }

  @Test
  void noColorOption_turnsColourOff() {
    assertThat(Terminal.color(true, Map.of(), true)).isFalse();
  }

  @Test
  void dumbTerminal_getsNoColour() {
    assertThat(Terminal.color(false, Map.of("TERM", "dumb"), true)).isFalse();
  }
}
