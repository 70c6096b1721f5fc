package io.deployguard.cli;

import io.deployguard.app.ExitStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.deployguard.app.RuleCatalogue;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.RuleMetadata;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code deployguard rules}: every rule this build has, sorted by id. The README's rule table is
 * this command's markdown output.
 */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = DeployguardCommand.VersionProvider.class,
    description = {
        "Lists every rule: its id, default severity, category and title.",
        "Ids are stable; use them in deployguard.yml (rules:, waivers:) and to look a finding up."})
final class RulesCommand implements Callable<Integer> {

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (a table), json (every field, for scripts) or markdown (a table for docs). Default: ${DEFAULT-VALUE}.")
  String format;

  @Spec CommandSpec spec;

  /** One rule in {@code --format json}. */
  record RuleView(
      @JsonProperty("id") String id,
      @JsonProperty("severity") String severity,
      @JsonProperty("category") String category,
      @JsonProperty("title") String title,
      @JsonProperty("rationale") String rationale,
      @JsonProperty("fix") String fix,
      @JsonProperty("helpUri") String helpUri) {
    static RuleView of(RuleMetadata r) {
      return new RuleView(r.id(), r.defaultSeverity().lowerName(), r.category(), r.title(), r.rationale(), r.fix(),
          r.helpUri());
    }
  }

  @Override
  public Integer call() throws IOException {
    List<RuleMetadata> rules = RuleCatalogue.all();
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case "text" -> out.print(text(rules));
      case "markdown" -> out.print(markdown(rules));
      case "json" -> {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(rules.stream().map(RuleView::of).toList()));
      }
      default -> throw new ConfigException("--format: unknown format '" + format + "' (use one of text, json, markdown)");
    }
    out.flush();
    return ExitStatus.OK.code();
  }

  static String text(List<RuleMetadata> rules) {
    int id = "ID".length();
    int sev = "SEVERITY".length();
    int cat = "CATEGORY".length();
    for (RuleMetadata r : rules) {
      id = Math.max(id, r.id().length());
      sev = Math.max(sev, r.defaultSeverity().lowerName().length());
      cat = Math.max(cat, r.category().length());
    }
    String row = "%-" + id + "s  %-" + sev + "s  %-" + cat + "s  %s%n";
    StringBuilder sb = new StringBuilder(String.format(row, "ID", "SEVERITY", "CATEGORY", "TITLE"));
    for (RuleMetadata r : rules) {
      sb.append(String.format(row, r.id(), r.defaultSeverity().lowerName(), r.category(), r.title()));
    }
    return sb.toString();
  }

  static String markdown(List<RuleMetadata> rules) {
    StringBuilder sb = new StringBuilder("| id | severity | category | title |\n|---|---|---|---|\n");
    for (RuleMetadata r : rules) {
      sb.append("| [").append(r.id()).append("](docs/rules.md#").append(r.id().toLowerCase(java.util.Locale.ROOT))
          .append(") | ")
          .append(r.defaultSeverity().lowerName()).append(" | ").append(cell(r.category())).append(" | ")
          .append(cell(r.title())).append(" |\n");
    }
    return sb.toString();
  }

  /** The rule reference, {@code docs/rules.md}: one section per rule, anchored by its id. */
  static String reference(List<RuleMetadata> rules) {
    StringBuilder sb = new StringBuilder("""
        # deployguard rules

        Every rule deployguard has, by id. Ids are stable and never reused. The severity is the
        default; `rules:` in deployguard.yml changes it or switches the rule off (see
        [configuration](configuration.md)). This file is the output of the rule catalogue; the
        test `ReadmeTest` keeps it in step.
        """);
    for (RuleMetadata r : rules) {
      sb.append("\n## ").append(r.id()).append("\n\n")
          .append("**").append(r.title()).append("**: ").append(r.defaultSeverity().lowerName())
          .append(", ").append(r.category()).append("\n\n")
          .append("Why: ").append(r.rationale()).append("\n\n")
          .append("Fix: ").append(r.fix()).append("\n");
    }
    return sb.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }
}
