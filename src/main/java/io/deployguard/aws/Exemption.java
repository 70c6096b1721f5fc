package io.deployguard.aws;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The value of the exemption tag ({@code deployguard:exempt}) on a rule or its group: a reason
 * followed by {@code ; until=YYYY-MM-DD} (the last day the exemption holds). A rule's own tag wins
 * over its group's. An empty reason, a missing or unreadable date exempts nothing, so neither a
 * typo nor a forgotten tag can keep an open rule alive for ever.
 *
 * @param reason why the rule may stay, as written
 * @param until last day the exemption holds (empty only in a tag that exempts nothing)
 * @param problem why the tag does not exempt anything, or {@code null} when it is well formed
 */
public record Exemption(String reason, Optional<LocalDate> until, String problem) {

  public static final String DEFAULT_TAG = "deployguard:exempt";

  /** Reads a tag value such as {@code PoC for ACME; until=2027-01-31}. */
  public static Exemption parse(String value) {
    String v = value == null ? "" : value.trim();
    String reason = v;
    Optional<LocalDate> until = Optional.empty();
    int semi = v.lastIndexOf(';');
    if (semi >= 0) {
      String tail = v.substring(semi + 1).trim();
      if (tail.startsWith("until=")) {
        reason = v.substring(0, semi).trim();
        String date = tail.substring("until=".length()).trim();
        try {
          until = Optional.of(LocalDate.parse(date));
        } catch (DateTimeParseException e) {
          return new Exemption(reason, Optional.empty(),
              "the exemption tag's date '" + date + "' is not YYYY-MM-DD, so it exempts nothing");
        }
      }
    }
    if (reason.isEmpty()) {
      return new Exemption(reason, until, "the exemption tag gives no reason, so it exempts nothing");
    }
    if (until.isEmpty()) {
      return new Exemption(reason, until, "the exemption tag '" + reason + "' has no until date (write 'REASON;"
          + " until=YYYY-MM-DD'), so it exempts nothing");
    }
    return new Exemption(reason, until, null);
  }

  /** Whether the exemption holds on {@code today}: well formed and not past its last day. */
  public boolean activeOn(LocalDate today) {
    return problem == null && until.map(u -> !today.isAfter(u)).orElse(false);
  }

  /** Why the exemption holds or does not, for the audit record. */
  public String explain(LocalDate today) {
    if (problem != null) {
      return problem;
    }
    if (!activeOn(today)) {
      return "the exemption '" + reason + "' expired on " + until.get();
    }
    return "exempt until " + until.orElseThrow() + ": " + reason;
  }
}
