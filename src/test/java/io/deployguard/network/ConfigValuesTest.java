package io.deployguard.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {
  @Test
  void portsFromZeroTo65535_areAccepted() {
    assertThat(Port.of(0).number()).isZero();
    assertThat(Port.of(65535).number()).isEqualTo(65535);
  }

  @Test
  void numberBeyondAnyPort_isRefusedWithTheRange() {
    assertThatThrownBy(() -> Port.of(70000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("70000 is not a port (use a number from 0 to 65535)");
    assertThatThrownBy(() -> Port.of(1L << 32)).hasMessageStartingWith("4294967296 is not a port");
  }

  @Test
  void prefixLongerThan32_isRefused() {
    assertThat(CidrPrefix.of(16).bits()).isEqualTo(16);
    assertThatThrownBy(() -> CidrPrefix.of(40)).hasMessage("40 is outside 0-32");
  }

  @Test
  void settingsBuiltInCode_areHeldToTheSameTypes() {
    assertThatThrownBy(() -> new NetworkSettings(List.of(80, 70000), null, null, null))
        .hasMessage("70000 is not a port (use a number from 0 to 65535)");
    assertThatThrownBy(() -> new NetworkSettings(null, null, null, 33)).hasMessage("33 is outside 0-32");
  }
}
