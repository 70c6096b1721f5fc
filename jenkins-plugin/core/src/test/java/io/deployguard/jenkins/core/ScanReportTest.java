package io.deployguard.jenkins.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanReportTest {

  @Test
  void theDocumentedExample_isRead() {
    ScanReport r = ScanReport.read(JudgementTest.report("fail", 1, 1, 0, 2), "r.json");
    assertEquals("fail", r.verdict());
    assertEquals(Severity.HIGH, r.failOn());
    assertEquals(2, r.counts().get("active"));
    assertEquals(ScanReport.COUNT_KEYS, List.copyOf(r.counts().keySet()));
    assertEquals(2, r.activeAtLeast(Severity.HIGH));
    assertEquals(1, r.activeAtLeast(Severity.CRITICAL));
  }

  @Test
  void jsonValues_areReadStrictly() {
    assertEquals(Map.of("a", List.of(1L, -2.5, "x\"\u00e9\n", true), "b", Map.of()),
        Json.parse(" {\"a\": [1, -2.5e0, \"x\\\"\\u00e9\\n\", true], \"b\": {}} "));
    assertEquals(java.util.Arrays.asList((Object) null), Json.parse("[null]"));
    for (String bad : List.of("", "{", "[1,]", "{\"a\":1,}", "01", "1.", "\"a", "{\"a\":1}x", "{'a':1}", "[\"\t\"]",
        "{\"a\":1,\"a\":2}", "tru", "[".repeat(100) + "]".repeat(100))) {
      assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
    }
  }

  @Test
  void aReportWithoutItsKeys_isRejectedNamingTheKey() {
    assertEquals("r.json: summary is missing", assertThrows(IllegalArgumentException.class, () ->
        ScanReport.read("{\"schemaVersion\": 1, \"verdict\": \"pass\", \"failOn\": \"high\"}", "r.json")).getMessage());
    assertEquals("r.json: verdict \"maybe\" is not pass, fail or error".replace("\"", ""),
        assertThrows(IllegalArgumentException.class, () -> ScanReport.read(
            "{\"schemaVersion\": 1, \"verdict\": \"maybe\"}", "r.json")).getMessage());
    assertEquals("r.json: not a deployguard report (no JSON object)",
        assertThrows(IllegalArgumentException.class, () -> ScanReport.read("[]", "r.json")).getMessage());
  }
}
