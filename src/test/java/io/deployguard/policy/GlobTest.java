package io.deployguard.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class GlobTest {

  @Test
  void starsAndQuestionMarks_matchAsDocumented() {
    assertThat(Glob.of("module.net.*").matches("module.net.aws_security_group.web[\"a\"]")).isTrue();
    assertThat(Glob.of("module.net.*").matches("module.network")).isFalse();
    assertThat(Glob.of("aws_?").matches("aws_x")).isTrue();
    assertThat(Glob.of("aws_?").matches("aws_xy")).isFalse();
    assertThat(Glob.of("*").matches("")).isTrue();
    assertThat(Glob.of("").matches("")).isTrue();
    assertThat(Glob.of("").matches("a")).isFalse();
    assertThat(Glob.of("a*b*a").matches("aba")).isTrue();
    assertThat(Glob.of("a*a").matches("a")).isFalse();
    assertThat(Glob.of("*.web[*]").matches("module.x.aws_security_group.web[0]")).isTrue();
  }

  @Test
  void agreesWithTheRegularExpressionItReplaces_onRandomPatterns() {
    Random random = new Random(15);
    String alphabet = "ab_*?";
    for (int n = 0; n < 20_000; n++) {
      String pattern = random(random, alphabet, 6);
      String text = random(random, "ab_", 8);
      String regex = pattern.chars().mapToObj(c -> c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf((char) c)))
          .reduce("", String::concat);
      assertThat(Glob.of(pattern).matches(text)).as(pattern + " ~ " + text)
          .isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(text).matches());
    }
  }

  private static String random(Random r, String alphabet, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = r.nextInt(max + 1); i > 0; i--) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void manyStarsAgainstALongAddressThatAlmostMatches_endsAtOnce() {
    String pattern = "*_".repeat(40) + "ZZZ";
    String address = "module.a_".repeat(20_000) + "ZZY";
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> Glob.of(pattern).matches(address))).isFalse();
  }
}
