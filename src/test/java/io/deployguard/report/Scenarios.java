package io.deployguard.report;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.ScanError;
import io.deployguard.policy.ScanResult;
import io.deployguard.policy.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The scan results every reporter is rendered from in the golden-file and consumer tests. */
final class Scenarios {
  static final RuleMetadata SG001 = new RuleMetadata("SG001", "World ingress on all traffic", Severity.CRITICAL,
      "network", "Every port of the resource is reachable from the whole internet.",
      "Remove the rule or restrict its source to known CIDRs.");
  static final RuleMetadata SG002 = new RuleMetadata("SG002", "World ingress to a remote-administration port",
      Severity.CRITICAL, "network", "SSH and RDP open to 0.0.0.0/0 are scanned and brute-forced within minutes.",
      "Reach instances through SSM Session Manager or a bastion restricted to known CIDRs.");
  static final RuleMetadata SG003 = new RuleMetadata("SG003", "World ingress to a high-risk service port",
      Severity.HIGH, "network", "Databases, caches and admin consoles are not meant to face the internet.",
      "Restrict the source to the clients that need the service.");
  static final RuleMetadata SG004 = new RuleMetadata("SG004", "World ingress outside the allowed public ports",
      Severity.MEDIUM, "network", "Only the ports in allowed_public_ports should face the internet.",
      "Close the port or add it to allowed_public_ports.");
  static final RuleMetadata SG006 = new RuleMetadata("SG006", "World egress on all traffic", Severity.INFO,
      "network", "Unrestricted egress lets a compromised host reach anywhere.",
      "Restrict egress to the destinations the workload needs.");
  static final RuleMetadata LOG001 = new RuleMetadata("LOG001", "Log group without retention", Severity.MEDIUM,
      "logging", "Log groups without retention_in_days keep every event forever and bill for it.",
      "Set retention_in_days on the log group.");

  private Scenarios() {}

  /** Name -> result, in the order the goldens are listed. */
  static Map<String, Supplier<ScanResult>> all() {
    Map<String, Supplier<ScanResult>> m = new LinkedHashMap<>();
    m.put("none", Scenarios::none);
    m.put("one", Scenarios::one);
    m.put("many", Scenarios::many);
    m.put("error", Scenarios::error);
    m.put("escaping", Scenarios::escaping);
    m.put("suppressed", Scenarios::suppressed);
    return m;
  }

  static ScanResult none() {
    return new ScanResult("1.2.3", List.of("plans/clean.json"), List.of(SG001, SG002, SG003), List.of(), List.of(),
        Severity.HIGH, List.of());
  }

  static ScanResult one() {
    Finding f = Finding.builder(SG002)
        .resource("aws_security_group.bastion")
        .message("ingress tcp 22 from 0.0.0.0/0 opens SSH to the internet")
        .location(Location.pointer("plans/prod.json", "resource_changes[0].change.after.ingress[0]"))
        .key("ingress tcp 22 0.0.0.0/0")
        .detail("ports", "22")
        .detail("source", "0.0.0.0/0")
        .build();
    return new ScanResult("1.2.3", List.of("plans/prod.json"), List.of(SG001, SG002, SG003), List.of(f), List.of(),
        Severity.HIGH, List.of());
  }

  static ScanResult many() {
    List<Finding> findings = List.of(
        Finding.builder(SG001).resource("module.net.aws_security_group.open[\"a\"]")
            .message("ingress all traffic from ::/0").key("ingress -1 all ::/0")
            .location(Location.pointer("plans/prod.json", "resource_changes[3]")).build(),
        Finding.builder(SG003).resource("aws_security_group_rule.db")
            .message("ingress tcp 5432 from 0.0.0.0/0 exposes PostgreSQL").key("ingress tcp 5432 0.0.0.0/0")
            .detail("ports", "5432").location(Location.pointer("plans/prod.json", "resource_changes[1]")).build(),
        Finding.builder(SG003).resource("aws_security_group_rule.db")
            .message("ingress tcp 6379 from 0.0.0.0/0 exposes Redis").key("ingress tcp 6379 0.0.0.0/0")
            .detail("ports", "6379").location(Location.pointer("plans/prod.json", "resource_changes[1]")).build(),
        Finding.builder(SG004).resource("aws_security_group.lb")
            .message("ingress tcp 8443 from 0.0.0.0/0 is not an allowed public port").key("ingress tcp 8443 0.0.0.0/0")
            .location(Location.pointer("plans/prod.json", "resource_changes[0]")).build(),
        Finding.builder(SG006).resource("aws_security_group.lb")
            .message("egress all traffic to 0.0.0.0/0").key("egress -1 all 0.0.0.0/0")
            .location(Location.pointer("plans/prod.json", "resource_changes[0]")).build(),
        Finding.builder(SG002).resource("aws_security_group.legacy")
            .message("ingress tcp 3389 from 0.0.0.0/0 opens RDP to the internet").key("ingress tcp 3389 0.0.0.0/0")
            .location(Location.pointer("plans/staging.json", "resource_changes[0]")).build()
            .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.WAIVER,
                "vendor appliance, replaced in Q3 (until 2031-09-30)")),
        Finding.builder(LOG001).resource("aws_cloudwatch_log_group.app")
            .message("log group has no retention_in_days").key("")
            .location(Location.pointer("plans/staging.json", "resource_changes[2]")).build()
            .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.BASELINE, "in the baseline")),
        Finding.builder(LOG001).resource("aws_cloudwatch_log_group.audit")
            .severity(Severity.LOW)
            .message("log group has no retention_in_days").key("")
            .location(Location.at("Dockerfile", 7)).build());
    return new ScanResult("1.2.3", List.of("plans/prod.json", "plans/staging.json", "Dockerfile"),
        List.of(SG001, SG002, SG003, SG004, SG006, LOG001), findings, List.of(), Severity.HIGH,
        List.of(new ScanResult.Note("Estimated log cost",
            "aws_cloudwatch_log_group.app keeps every event: about $25 a month per GB ingested per day.")));
  }

  static ScanResult error() {
    Finding f = Finding.builder(SG003).resource("aws_security_group_rule.cache")
        .message("ingress tcp 11211 from 0.0.0.0/0 exposes memcached").key("ingress tcp 11211 0.0.0.0/0")
        .location(Location.pointer("plans/ok.json", "resource_changes[0]")).build();
    return new ScanResult("1.2.3", List.of("plans/ok.json", "plans/broken.json"), List.of(SG001, SG003), List.of(f),
        List.of(new ScanError("plans/broken.json", "line 12, column 5", "unexpected end of input inside an object",
            "regenerate it with terraform show -json tfplan > plan.json")),
        Severity.HIGH, List.of());
  }

  static final RuleMetadata DF001 = new RuleMetadata("DF001", "Single-stage build runs a toolchain", Severity.HIGH,
      "dockerfile", "The toolchain, sources and caches ship in the image.", "Build in a stage of its own.");
  static final RuleMetadata POL003 = new RuleMetadata("POL003", "Suppression matches no finding", Severity.INFO,
      "policy", "A stale suppression may hide a future finding.", "Remove the suppression.");

  /**
   * Suppressions written where the findings live (a Dockerfile, a .tf file), one from
   * --skip-rule, one that matches nothing, under --soft-fail.
   */
  static ScanResult suppressed() {
    List<Finding> findings = List.of(
        Finding.builder(DF001).resource("app/Dockerfile (stage 0)")
            .message("single-stage build runs 'mvn package' (Maven) at line 11").key("mvn")
            .location(Location.at("app/Dockerfile", 11)).build()
            .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.INLINE, "rebuilt multi-stage in ORD-12")),
        Finding.builder(SG004).resource("aws_security_group.web")
            .message("ingress tcp 8443 from 0.0.0.0/0 is not an allowed public port").key("envs/prod.json ingress tcp 8443 0.0.0.0/0")
            .location(Location.at("modules/web/main.tf", 14)).build()
            .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.INLINE, "public TLS endpoint, reviewed in SEC-7")),
        Finding.builder(SG006).resource("aws_security_group.web")
            .message("egress all traffic to 0.0.0.0/0").key("envs/prod.json egress -1 all 0.0.0.0/0")
            .location(Location.at("modules/web/main.tf", 14)).build()
            .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.SKIPPED, "egress is filtered by the proxy")),
        Finding.builder(SG002).resource("aws_security_group.bastion")
            .message("ingress tcp 22 from 0.0.0.0/0 opens SSH to the internet").key("envs/prod.json ingress tcp 22 0.0.0.0/0")
            .location(Location.at("main.tf", 3)).build(),
        Finding.builder(POL003).resource("suppression SG003 main.tf")
            .message("suppression of SG003 at main.tf:20 matches no finding (reason was: cache is private)")
            .key("SG003 main.tf:20").location(Location.at("main.tf", 20)).build());
    return new ScanResult("1.2.3", List.of("envs/prod.json", "app/Dockerfile"), List.of(SG002, SG004, SG006, DF001, POL003),
        findings, List.of(), Severity.HIGH, List.of(), true);
  }

  /** Every character that needs escaping somewhere, in every field a reporter writes. */
  static ScanResult escaping() {
    String windows = "C:\\work\\my plans\\prod plan.json";
    String spaced = "infra/team a/plan #1 (copy).json";
    List<Finding> findings = List.of(
        Finding.builder(SG002).resource("module.\"quoted\".aws_security_group.x[\"a|b\"]")
            .message("ingress tcp 22 from 0.0.0.0/0: \"quotes\", <script>alert(1)</script> & `ticks` | pipes *stars* _under_ [link](http://x) \\ back")
            .fix("Use `ssh` via SSM & remove <rule>.")
            .key("k1").detail("note", "line one\nline two").detail("quote", "\"q\" <&>")
            .location(new Location(windows, null, "$.resource_changes[0].change.after[\"ingress\"]")).build(),
        Finding.builder(SG003).resource("aws_security_group.café_ü_日本")
            .message("first line\nsecond line\r\nthird line\ttabbed \u001b[31mred\u001b[0m bell\u0007 end")
            .key("k2").location(Location.at(spaced, 3)).build(),
        Finding.builder(SG004).resource("``backticks`` at both ends`")
            .message("emoji \uD83D\uDE80 and a lone pipe |").key("k3")
            .location(Location.at("../outside/plan.json", 1)).build()
            .withSuppression(new Finding.Suppression(Finding.Suppression.Kind.WAIVER,
                "reason with <b>html</b> & | pipe\nand a newline")));
    return new ScanResult("1.2.3 \"dev\"", List.of(windows, spaced, "../outside/plan.json", "registry.example.com/app:1.2"),
        List.of(SG002, SG003, SG004), findings,
        List.of(new ScanError("registry.example.com/app:1.2", "layer sha256:ab|cd",
            "manifest <missing> & \"quoted\"\nsecond line", "pull the image first: `docker pull`")),
        Severity.HIGH,
        List.of(new ScanResult.Note("Note with <html> & | pipes", "text with `code`\nand a second line")));
  }
}
