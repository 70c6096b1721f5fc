package io.deployguard.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class CidrTest {

  /** The components a Cidr is made of, as a plain record: its equality and hash are the reference. */
  private record Parts(boolean ipv6, BigInteger network, int prefix) {}

  @Test
  void dottedQuadsAreReadWithTheirHostBitsCleared() {
    assertThat(Cidr.parse(" 10.1.2.3/24 ").display()).isEqualTo("10.1.2.0/24");
    assertThat(Cidr.parse("01.002.3.4").display()).isEqualTo("1.2.3.4/32");
    assertThat(Cidr.parse("255.255.255.255/32").network()).isEqualTo(BigInteger.valueOf(0xffffffffL));
    assertThat(Cidr.parse("172.16.0.0/12").display()).isEqualTo("172.16.0.0/12");
  }

  @Test
  void malformedDottedQuadsAreRefusedSayingWhatIsWrong() {
    assertRefused("1.2.3/24", "'1.2.3/24' is not an IPv4 or IPv6 CIDR");
    assertRefused("1.2.3.4.5", "'1.2.3.4.5' is not an IPv4 or IPv6 CIDR");
    assertRefused("1.2.3.256", "'1.2.3.256' is not an IPv4 CIDR (octet 256 > 255)");
    assertRefused("999.1.1.1", "'999.1.1.1' is not an IPv4 CIDR (octet 999 > 255)");
    assertRefused("1.2..4", "'1.2..4' is not an IPv4 CIDR (bad octet '')");
    assertRefused(".1.2.3", "'.1.2.3' is not an IPv4 CIDR (bad octet '')");
    assertRefused("1.2.3.", "'1.2.3.' is not an IPv4 CIDR (bad octet '')");
    assertRefused("1.2.3.0004", "'1.2.3.0004' is not an IPv4 CIDR (bad octet '0004')");
    assertRefused("a.b.c.d", "'a.b.c.d' is not an IPv4 CIDR (bad octet 'a')");
    assertRefused("1.2.3.-1", "'1.2.3.-1' is not an IPv4 CIDR (bad octet '-1')");
    assertRefused("1.2.3.4/", "'1.2.3.4/' has no valid prefix length after '/'");
    assertRefused("1.2.3.4/33", "prefix /33 is outside 0-32");
  }

  @Test
  void everySpellingOfTheWorldIsOneValueShownOneWay() {
    assertThat(Cidr.parse("0.0.0.0/0")).isEqualTo(Cidr.WORLD_V4);
    assertThat(Cidr.parse("10.0.0.0/0")).isEqualTo(Cidr.WORLD_V4).hasSameHashCodeAs(Cidr.WORLD_V4);
    assertThat(Cidr.parse("10.0.0.0/0").display()).isEqualTo("0.0.0.0/0");
    assertThat(Cidr.parse("0:0:0:0:0:0:0:0/0")).isEqualTo(Cidr.WORLD_V6);
    assertThat(Cidr.parse("::0/0").display()).isEqualTo("::/0");
    assertThat(Cidr.WORLD_V4).isNotEqualTo(Cidr.WORLD_V6);
  }

  @Test
  void equalityAndHashAreThoseOfTheCidrsParts() {
    for (String s : new String[] {"0.0.0.0/0", "::/0", "10.1.2.0/24", "2000::/3", "fe80::1/64", "1.2.3.4"}) {
      Cidr c = Cidr.parse(s);
      Parts p = new Parts(c.ipv6(), c.network(), c.prefix());
      assertThat(c.hashCode()).as(s).isEqualTo(p.hashCode());
      assertThat(c).isEqualTo(Cidr.parse(s)).isNotEqualTo(Cidr.parse("1.2.3.5"));
    }
    assertThat(Cidr.parse("10.0.0.0/8")).isNotEqualTo(Cidr.parse("10.0.0.0/9")).isNotEqualTo("10.0.0.0/8");
  }

  private static void assertRefused(String raw, String message) {
    assertThatThrownBy(() -> Cidr.parse(raw)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
