package io.deployguard.policy;

import java.time.LocalDate;

/** Rules and findings shared by the policy tests. */
final class Fixtures {
  static final LocalDate TODAY = LocalDate.of(2025, 6, 15);

  static final RuleMetadata ADMIN = new RuleMetadata("SG002", "World ingress to an administration port",
      Severity.CRITICAL, "network", "Administration ports are attacked first.", "Restrict the source.");
  static final RuleMetadata OTHER_PORT = new RuleMetadata("SG004", "World ingress outside the allowed ports",
      Severity.MEDIUM, "network", "Only web ports should be public.", "Restrict the source or the port.");

  private Fixtures() {}

  static Finding finding(RuleMetadata rule, String resource) {
    return finding(rule, resource, "ingress tcp 22 0.0.0.0/0");
  }

  static Finding finding(RuleMetadata rule, String resource, String key) {
    return Finding.builder(rule)
        .resource(resource)
        .message(rule.title() + " on " + resource)
        .location(Location.pointer("plan.json", "resource_changes[0]"))
        .key(key)
        .build();
  }

  static Waiver waiver(String rule, String glob, LocalDate expires) {
    return new Waiver(rule, glob, "accepted for the migration", expires,
        Location.pointer("deployguard.yml", "waivers[0]"));
  }
}
