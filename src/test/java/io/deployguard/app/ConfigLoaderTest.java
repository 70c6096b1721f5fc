package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Location;
import io.deployguard.policy.RuleOverride;
import io.deployguard.policy.Severity;
import io.deployguard.policy.Waiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
  private static final Set<String> KNOWN = Set.of("SG002", "SG004", "POL001", "POL002");

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path p = dir.resolve("deployguard.yml");
    Files.writeString(p, yaml);
    return p;
  }

  private ConfigLoader.Loaded load(String yaml) throws IOException {
    return ConfigLoader.load(write(yaml), KNOWN);
  }

  private String error(String yaml) throws IOException {
    Path p = write(yaml);
    ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
        () -> ConfigLoader.load(p, KNOWN));
    assertThat(e.getMessage()).doesNotContain("\n").startsWith(p.toString());
    return e.getMessage().substring(p.toString().length());
  }

  @Test
  void emptyOrCommentOnlyFile_meansTheDefaults() throws IOException {
    for (String yaml : List.of("", "# nothing yet\n\n", "---\n")) {
      ConfigLoader.Loaded c = load(yaml);
      assertThat(c.config()).isEqualTo(DeployguardConfig.DEFAULT);
      assertThat(c.policy().failOn()).isEqualTo(Severity.HIGH);
    }
  }

  @Test
  void fullConfiguration_becomesPolicySettings() throws IOException {
    ConfigLoader.Loaded c = load("""
        version: 1
        fail_on: Medium
        rules:
          SG004: {enabled: false}
          SG002: {severity: low}
        waivers:
          - rule: SG002
            resource: module.bastion.*
            reason: office VPN only
            expires: 2030-01-31
        network:
          allowed_public_ports: [80, 443, 8443]
        """);
    assertThat(c.policy().failOn()).isEqualTo(Severity.MEDIUM);
    assertThat(c.policy().rules()).containsEntry("SG004", new RuleOverride(false, null))
        .containsEntry("SG002", new RuleOverride(null, Severity.LOW));
    assertThat(c.policy().waivers()).containsExactly(new Waiver("SG002", "module.bastion.*", "office VPN only",
        LocalDate.of(2030, 1, 31), Location.pointer(c.path().toString(), "waivers[0]")));
    assertThat(c.config().network().allowedPublicPorts()).containsExactly(80, 443, 8443);
    assertThat(c.config().network().adminPorts()).containsExactly(22, 3389);
  }

  @Test
  void waiverForEveryRule_isAccepted() throws IOException {
    ConfigLoader.Loaded c = load("""
        waivers:
          - {rule: "*", resource: "module.sandbox.*", reason: sandbox, expires: 2030-01-01}
        """);
    assertThat(c.policy().waivers()).singleElement().extracting(Waiver::rule).isEqualTo("*");
  }

  @Test
  void defaultCatalogue_acceptsThePolicyRulesOwnIds() throws IOException {
    ConfigLoader.Loaded c = ConfigLoader.load(write("rules:\n  POL002: {severity: low}\n"));
    assertThat(c.policy().rules()).containsKey("POL002");
  }

  @Test
  void resolve_readsPathsRelativeToTheConfigurationFile() throws IOException {
    ConfigLoader.Loaded c = load("version: 1\n");
    assertThat(c.resolve("plans/a.json")).isEqualTo(dir.toAbsolutePath().resolve("plans/a.json").normalize());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key        | colour: red                                   | :1: colour: unknown key 'colour' (known keys here: alarms, dockerfile, eks, fail_on, image, logs, network, predeploy, remediate, rules, source_root, targets, version, waivers)
      unknown key in a section     | network:\\n  allowed_ports: [80]              | :2: network.allowed_ports: unknown key 'allowed_ports' (known keys here: admin_ports, allowed_public_ports, high_risk_ports, wide_cidr_prefix)
      unknown key in a nested one  | alarms:\\n  eks_node_disk:\\n    cluster: prod | :3: alarms.eks_node_disk.cluster: unknown key 'cluster' (known keys here: clusters, threshold)
      unknown key in a rule spec   | rules:\\n  SG004:\\n    enable: false         | :3: rules.SG004.enable: unknown key 'enable' (known keys here: enabled, severity)
      unknown key in a waiver      | waivers:\\n  - rule: SG002\\n    until: 2030-01-01 | :3: waivers[0].until: unknown key 'until' (known keys here: expires, input, reason, resource, rule)
      unknown rule id              | rules:\\n  SG999: {enabled: false}           | :2: rules.SG999: unknown rule id 'SG999' (run 'deployguard rules' for the list)
      rule id one typo away        | rules:\\n  SG00: {enabled: false}            | :2: rules.SG00: unknown rule id 'SG00'; did you mean SG002? (run 'deployguard rules' for the list)
      rule spec saying nothing     | rules:\\n  SG004: {}                         | :2: rules.SG004: says nothing (give enabled: false, a severity, or both)
      unknown waiver rule          | waivers:\\n  - {rule: XX001, resource: a, reason: r, expires: 2030-01-01} | :2: waivers[0].rule: unknown rule id 'XX001' (use a rule id from 'deployguard rules', or * for every rule)
      waiver without reason        | waivers:\\n  - {rule: SG002, resource: a, expires: 2030-01-01}           | :2: waivers[0].reason: missing (give why the risk is accepted)
      waiver with blank reason     | waivers:\\n  - {rule: SG002, resource: a, reason: ' ', expires: 2030-01-01} | :2: waivers[0].reason: empty (give why the risk is accepted)
      waiver without expiry        | waivers:\\n  - {rule: SG002, resource: a, reason: r}                     | :2: waivers[0].expires: missing (give the last day the waiver applies, YYYY-MM-DD)
      waiver with a bad date       | waivers:\\n  - {rule: SG002, resource: a, reason: r, expires: 2030-02-30} | :2: waivers[0].expires: expected a date YYYY-MM-DD, got "2030-02-30"
      bad fail_on                  | fail_on: severe                               | :1: fail_on: 'severe' is not a severity; use one of info, low, medium, high, critical
      bad rule severity            | rules:\\n  SG002:\\n    severity: urgent     | :3: rules.SG002.severity: 'urgent' is not a severity; use one of info, low, medium, high, critical
      unsupported version          | version: 2                                    | :1: version: version 2 is not supported (write version: 1)
      port above 65535             | network:\\n  allowed_public_ports: [80, 70000] | :2: network.allowed_public_ports[1]: 70000 is not a port (use a number from 0 to 65535)
      negative port                | network:\\n  admin_ports:\\n    - 22\\n    - -1 | :4: network.admin_ports[1]: -1 is not a port (use a number from 0 to 65535)
      quoted port                  | network:\\n  admin_ports: ['22']             | :2: network.admin_ports[0]: expected a whole number, got "22"
      port as a scalar             | network:\\n  admin_ports: 22                 | :2: network.admin_ports: expected a list, got 22
      empty entry in a list        | targets:\\n  regions: [eu-west-1, ~]       | :2: targets.regions[1]: an empty entry (give a value, or remove the entry)
      null entry in a block list   | remediate:\\n  regions:\\n    - null\\n    - eu-west-1 | :3: remediate.regions[0]: an empty entry (give a value, or remove the entry)
      wide prefix out of range     | network:\\n  wide_cidr_prefix: 40            | :2: network.wide_cidr_prefix: 40 is outside 0-32 (see docs/configuration.md)
      number where text is needed  | fail_on: 3                                    | :1: fail_on: expected text, got 3
      enabled as text              | rules:\\n  SG002: {enabled: 'no'}            | :2: rules.SG002.enabled: expected true or false, got "no"
      section as a list            | network: [80]                                 | :1: network: expected a mapping of keys, got a list
      top level as a list          | - a                                           | :1: top level: expected a mapping of keys, got a list
      duplicate key                | fail_on: high\\nfail_on: low                  | :2: duplicate key 'fail_on' (keep one of them)
      broken YAML                  | network: {allowed_public_ports: [80}          | :1: not valid YAML: while parsing a flow sequence (fix the syntax; keys are 'name: value', lists '- item')
      two documents                | fail_on: high\\n---\\nfail_on: low            | :3: a second YAML document (---) follows the first (keep one)
      """)
  void badConfiguration_isOneLineNamingFileLineKeyAndFix(String what, String yaml, String expected)
      throws IOException {
    assertThat(error(yaml.replace("\\n", "\n"))).isEqualTo(expected);
  }

  /** Each limit is declared on its key; Jackson's path names that key, whatever the message says. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      count below its minimum      | image:\\n  top_offenders: 0                 | :2: image.top_offenders: must be at least 1, got 0 (see docs/configuration.md)
      one of three counts          | image:\\n  max_layers: 0                    | :2: image.max_layers: must be at least 1, got 0 (see docs/configuration.md)
      ratio out of range           | image:\\n  min_efficiency: 2                | :2: image.min_efficiency: 2 is outside 0-1 (see docs/configuration.md)
      stages below one             | dockerfile:\\n  max_stages: 0                | :2: dockerfile.max_stages: must be at least 1, got 0 (see docs/configuration.md)
      price below zero             | logs:\\n  price_per_gb_ingested: -1       | :2: logs.price_per_gb_ingested: must be at least 0 and below 1000000000, got -1 (see docs/configuration.md)
      parallel above 64            | targets:\\n  parallel: 100                  | :2: targets.parallel: 100 is outside 1-64 (see docs/configuration.md)
      threshold of zero percent    | alarms:\\n  eks_node_disk:\\n    threshold: 0 | :3: alarms.eks_node_disk.threshold: must be more than 0 and at most 100, got 0 (see docs/configuration.md)
      nested in a list             | alarms:\\n  required:\\n    - name: x\\n      query: q\\n      threshold: 1\\n      evaluation_periods: 0 | :6: alarms.required[0].evaluation_periods: must be at least 1, got 0 (see docs/configuration.md)
      bad duration                 | alarms:\\n  region: eu-west-1\\n  insufficient_data_max: soon | :3: alarms.insufficient_data_max: 'soon' is not a duration; write e.g. 30m, 24h, 2d or PT24H (see docs/configuration.md)
      bad revoke_at                | remediate:\\n  revoke_at: urgent              | :2: remediate.revoke_at: 'urgent' is not a severity; use one of info, low, medium, high, critical (see docs/configuration.md)
      warning above the failure    | image:\\n  max_image_size: 100MiB\\n  warn_image_size: 200MiB | :3: image.warn_image_size: (200.0 MiB) must not exceed max_image_size (100.0 MiB) (see docs/configuration.md)
      port far out of range        | network:\\n  high_risk_ports: [99999999999] | :2: network.high_risk_ports[0]: 99999999999 is not a port (use a number from 0 to 65535)
      quoted prefix                | network:\\n  wide_cidr_prefix: '8'          | :2: network.wide_cidr_prefix: expected a whole number, got "8"
      bad build argument name      | dockerfile:\\n  build_args: {'a-b': x}        | :2: dockerfile.build_args: 'a-b' is not a build argument name (see docs/configuration.md)
      """)
  void valueOutsideItsDeclaredLimits_isNamedAtItsOwnKeyAndLine(String what, String yaml, String expected)
      throws IOException {
    assertThat(error(yaml.replace("\\n", "\n"))).isEqualTo(expected);
  }

  @Test
  void halfASurrogatePair_isRefusedAtItsKeyAndLine_whileAWholePairIsKept() throws IOException {
    String waiver = "waivers:\n  - rule: SG002\n    resource: aws_security_group.bastion\n    reason: \"%s\"\n"
        + "    expires: 2030-09-30\n";
    assertThat(error(String.format(waiver, "office \\ud800 only"))).isEqualTo(":4: waivers[0].reason: the text holds"
        + " \\ud800, half of a UTF-16 surrogate pair without its other half, which is no character (write the character"
        + " itself, or both halves of its pair, such as \\ud83d\\ude00)");
    assertThat(error(String.format(waiver, "office \\udc00"))).startsWith(":4: waivers[0].reason: the text holds \\udc00,");
    assertThat(error("network:\n  \"a\\ud800\": 1\n")).startsWith(":2: network: a key holds \\ud800,");
    assertThat(error("\"a\\ud800\": 1\n")).startsWith(":1: a key holds \\ud800,");
    assertThat(load(String.format(waiver, "office \\ud83d\\ude00 only")).config().waivers().get(0).reason())
        .isEqualTo("office \ud83d\ude00 only");
  }

  @Test
  void missingFile_namesItAndTheOption() {
    Path p = dir.resolve("nope.yml");
    assertThatThrownBy(() -> ConfigLoader.load(p)).isInstanceOf(ConfigException.class)
        .hasMessage(p + ": configuration file not found (check --config, or run without it for the defaults)");
  }

  @Test
  void fileThatIsNotUtf8_isRejected() throws IOException {
    Path p = dir.resolve("deployguard.yml");
    Files.write(p, new byte[] {'f', 'a', 'i', 'l', '_', 'o', 'n', ':', ' ', (byte) 0xff, (byte) 0xfe});
    assertThatThrownBy(() -> ConfigLoader.load(p)).isInstanceOf(ConfigException.class)
        .hasMessage(p + ": not UTF-8 text (save the configuration as UTF-8)");
  }
}
