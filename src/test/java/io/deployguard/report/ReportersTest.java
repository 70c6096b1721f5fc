package io.deployguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportersTest {

  @Test
  void everyFormatOfTheCommandLineIsRegisteredOnce() {
    assertThat(Reporters.byName(false).keySet())
        .containsExactly("gitlab-codequality", "gitlab-sast", "json", "junit", "markdown", "sarif", "text");
    assertThat(Reporters.all(false)).hasSize(7);
  }

  @Test
  void unknownFormat_isNotFound() {
    assertThat(Reporters.find("xml", false)).isEmpty();
    assertThat(Reporters.find("sarif", false)).get().isInstanceOf(SarifReporter.class);
  }

  @Test
  void colourReachesOnlyTheTextReporter() {
    String plain = Rendering.render(Reporters.find("text", false).orElseThrow(), Scenarios.one());
    String coloured = Rendering.render(Reporters.find("text", true).orElseThrow(), Scenarios.one());
    assertThat(plain).doesNotContain("\u001b");
    assertThat(coloured).contains("\u001b[1;31mCRITICAL\u001b[0m");
    assertThat(Rendering.render(Reporters.find("markdown", true).orElseThrow(), Scenarios.one())).doesNotContain("\u001b");
  }
}
