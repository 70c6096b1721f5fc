package io.deployguard.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Location;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleOverride;
import io.deployguard.policy.Severity;
import io.deployguard.policy.Waiver;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads {@code deployguard.yml}. Anything wrong is a {@link ConfigException} whose message is one
 * line of the form {@code FILE:LINE: KEY.PATH: problem (fix)}: unknown keys at any level,
 * duplicate keys, wrong types (no coercion: {@code "80"} is not a port), values out of range,
 * rule ids that no rule has, incomplete waivers.
 */
public final class ConfigLoader {

  /** Where every key is documented; named in messages whose fix is "read about this key". */
  public static final String DOCS = "docs/configuration.md";

  /** The configuration, the file it came from ({@code null} for the defaults) and its policy. */
  public record Loaded(DeployguardConfig config, Path path, PolicySettings policy) {
    /** Resolves a path written in the configuration against the configuration's folder. */
    public Path resolve(String p) {
      Path base = path == null ? Path.of("") : path.toAbsolutePath().getParent();
      return base.resolve(p).normalize();
    }

    /** {@code source_root} resolved against the configuration's folder, or {@code null} when not set. */
    public Path sourceRoot() {
      return config.sourceRoot() == null ? null : resolve(config.sourceRoot());
    }
  }

  /**
   * The YAML machinery, built on first use: it costs a noticeable part of a small run's start-up,
   * and a run without a configuration file never needs it.
   */
  private static final class Yaml {
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .build();
    static final ObjectMapper MAPPER = strict(YAMLMapper.builder(FACTORY));
  }


  private ConfigLoader() {}

  private static ObjectMapper strict(YAMLMapper.Builder b) {
    ObjectMapper m = b.addModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    // Quoted numbers are not numbers and numbers are not text: a config that relies on either
    // is probably not saying what its author thinks.
    m.coercionConfigDefaults()
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    // A whole number is a fine decimal: 'threshold: 80' means 80.0.
    m.coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert);
    return m;
  }

  /** The defaults of DESIGN.md, as used when no configuration file is given. */
  public static Loaded defaults() {
    return new Loaded(DeployguardConfig.DEFAULT, null, toPolicy(DeployguardConfig.DEFAULT, new Lines("deployguard.yml")));
  }

  /**
   * The configuration a run uses: {@code explicit} when given (it must exist), else {@code
   * deployguard.yml} in {@code dir} when present, else the defaults.
   */
  public static Loaded find(Path explicit, Path dir) {
    if (explicit != null) {
      return load(explicit);
    }
    Path local = dir.resolve("deployguard.yml");
    return Files.isRegularFile(local) ? load(local) : defaults();
  }

  /**
   * Reads and checks a configuration file against every rule in {@link RuleCatalogue}.
   *
   * @throws ConfigException one line naming the file, the key path, the line and the fix
   */
  public static Loaded load(Path path) {
    return load(path, RuleCatalogue.all().stream().map(RuleMetadata::id).collect(Collectors.toSet()));
  }

  static Loaded load(Path path, Set<String> knownRuleIds) {
    String name = path.toString();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(BoundedFiles.read(path,
          BoundedFiles.MAX_CONFIG_BYTES, "configuration", "a deployguard.yml is a few kilobytes: is this the right file?"))).toString();
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": configuration file not found (check --config, or run without it for the defaults)");
    } catch (CharacterCodingException e) {
      throw new ConfigException(name + ": not UTF-8 text (save the configuration as UTF-8)");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read configuration: " + e.getMessage() + " (check the path and its permissions)");
    }
    Lines lines = Lines.index(name, text);
    checkPorts(lines.tree, "", false, lines);
    DeployguardConfig c = bind(text, lines);
    if (c.version() != 1) {
      throw lines.error("version", "version " + c.version() + " is not supported (write version: 1)");
    }
    checkRuleIds(c, lines, knownRuleIds);
    return new Loaded(c, path, toPolicy(c, lines));
  }

  private static DeployguardConfig bind(String text, Lines lines) {
    if (lines.empty()) {
      return DeployguardConfig.DEFAULT;
    }
    try {
      DeployguardConfig c = Yaml.MAPPER.readValue(text, DeployguardConfig.class);
      return c == null ? DeployguardConfig.DEFAULT : c;
    } catch (UnrecognizedPropertyException e) {
      List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String fix = known.isEmpty()
          ? "this section has no keys yet; remove it"
          : "known keys here: " + String.join(", ", known);
      return lines.fail(e, "unknown key '" + e.getPropertyName() + "' (" + fix + ")");
    } catch (MismatchedInputException e) {
      if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        throw new ConfigException(lines.file(line) + ": a second YAML document (---) follows the first (keep one)");
      }
      return lines.fail(e, "expected " + expected(e.getTargetType()) + lines.got(e));
    } catch (JsonMappingException e) {
      // A section's constructor rejected a value (port out of range, bad size ...).
      String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
      return lines.fail(e, firstLine(why) + " (see " + DOCS + ")");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ConfigException(lines.file(line) + ": not valid YAML: " + firstLine(e.getOriginalMessage())
          + " (fix the syntax; keys are 'name: value', lists '- item')");
    }
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == LocalDate.class) {
      return "a date YYYY-MM-DD";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == io.deployguard.policy.ByteSize.class) {
      return "a size such as 500MiB or 2GB";
    }
    return "a mapping of keys";
  }

  /** Every key whose name ends in {@code port} or {@code ports}, anywhere, holds 0-65535. */
  private static void checkPorts(JsonNode node, String path, boolean portKey, Lines lines) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String key = e.getKey();
        checkPorts(e.getValue(), path.isEmpty() ? key : path + "." + key,
            key.endsWith("_port") || key.endsWith("_ports") || key.equals("port") || key.equals("ports"), lines);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkPorts(node.get(i), path + "[" + i + "]", portKey, lines);
      }
    } else if (portKey && node.isIntegralNumber() && (node.asLong() < 0 || node.asLong() > 65535)) {
      throw lines.error(path, node.asText() + " is not a port (use a number from 0 to 65535)");
    }
  }

  private static void checkRuleIds(DeployguardConfig c, Lines lines, Set<String> known) {
    for (String id : c.rules().keySet()) {
      if (!known.contains(id)) {
        throw lines.error("rules." + id, "unknown rule id '" + id + "'" + suggestion(id, known)
            + " (run 'deployguard rules' for the list)");
      }
    }
    for (int i = 0; i < c.waivers().size(); i++) {
      DeployguardConfig.WaiverSpec w = c.waivers().get(i);
      if (w != null && w.rule() != null && !w.rule().equals("*") && !known.contains(w.rule())) {
        throw lines.error("waivers[" + i + "].rule", "unknown rule id '" + w.rule() + "'" + suggestion(w.rule(), known)
            + " (use a rule id from 'deployguard rules', or * for every rule)");
      }
    }
  }

  private static String suggestion(String id, Set<String> known) {
    return RuleIds.suggestion(id, known);
  }

  private static PolicySettings toPolicy(DeployguardConfig c, Lines lines) {
    Severity failOn = severity(c.failOn(), lines, "fail_on");
    Map<String, RuleOverride> overrides = new LinkedHashMap<>();
    c.rules().forEach((id, spec) -> {
      if (spec == null || (spec.enabled() == null && spec.severity() == null)) {
        throw lines.error("rules." + id, "says nothing (give enabled: false, a severity, or both)");
      }
      overrides.put(id, new RuleOverride(spec.enabled(),
          spec.severity() == null ? null : severity(spec.severity(), lines, "rules." + id + ".severity")));
    });
    List<Waiver> waivers = new ArrayList<>();
    for (int i = 0; i < c.waivers().size(); i++) {
      DeployguardConfig.WaiverSpec w = c.waivers().get(i);
      String at = "waivers[" + i + "]";
      if (w == null) {
        throw lines.error(at, "empty waiver (give rule, resource, reason and expires)");
      }
      require(w.rule(), lines, at + ".rule", "the rule id it waives, or * for every rule");
      require(w.resource(), lines, at + ".resource", "a resource address or id pattern; * matches anything");
      require(w.reason(), lines, at + ".reason", "why the risk is accepted");
      if (w.expires() == null) {
        throw lines.error(at + ".expires", "missing (give the last day the waiver applies, YYYY-MM-DD)");
      }
      if (w.input() != null && w.input().isBlank()) {
        throw lines.error(at + ".input", "empty (give a glob over input paths from the repository root, e.g. envs/prod/*.json, or leave it out)");
      }
      waivers.add(new Waiver(w.rule(), w.resource(), w.reason(), w.expires(), Location.pointer(lines.name(), at),
          w.input()));
    }
    return new PolicySettings(failOn, overrides, waivers);
  }

  private static void require(String value, Lines lines, String key, String what) {
    if (value == null || value.isBlank()) {
      throw lines.error(key, (value == null ? "missing" : "empty") + " (give " + what + ")");
    }
  }

  private static Severity severity(String text, Lines lines, String key) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw lines.error(key, e.getMessage());
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }

  /** The line each key path starts on, so that every message can name it. */
  private static final class Lines {
    private final String name;
    private final Map<String, Integer> byPath = new HashMap<>();
    private JsonNode tree;

    Lines(String name) {
      this.name = name;
    }

    String name() {
      return name;
    }

    /** Nothing but comments, blank lines or an empty document. */
    boolean empty() {
      return tree == null || tree.isMissingNode() || tree.isNull() || (tree.isTextual() && tree.asText().isBlank());
    }

    /** {@code , got "22"}: what the file holds at the path Jackson reports. */
    String got(JsonMappingException e) {
      JsonNode n = tree;
      for (JsonMappingException.Reference r : e.getPath()) {
        n = n == null ? null : r.getFieldName() != null ? n.get(r.getFieldName()) : n.get(r.getIndex());
      }
      if (n == null || n.isNull()) {
        return "";
      }
      if (n.isArray()) {
        return ", got a list";
      }
      if (n.isObject()) {
        return ", got a mapping";
      }
      return ", got " + (n.isTextual() ? "\"" + n.asText() + "\"" : n.asText());
    }

    static Lines index(String name, String text) {
      Lines lines = new Lines(name);
      try (JsonParser p = Yaml.FACTORY.createParser(text)) {
        int documents = 0;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          JsonStreamContext ctx = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
              ? p.getParsingContext().getParent() : p.getParsingContext();
          if (ctx.inRoot() && !t.isStructEnd() && ++documents > 1) {
            throw new ConfigException(lines.file(p.currentTokenLocation().getLineNr())
                + ": a second YAML document (---) follows the first (keep one)");
          }
          lines.byPath.putIfAbsent(path(ctx), p.currentTokenLocation().getLineNr());
          if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y
              && (y.isCurrentAlias() || y.getCurrentAnchor() != null)) {
            // The parser hands an alias over as the text of its name: *s would read as "s".
            throw new ConfigException(lines.file(p.currentTokenLocation().getLineNr()) + ": "
                + path(ctx).replaceFirst("^\\.", "") + ": YAML anchors and aliases (&name, *name) are not supported"
                + " (write the value out in full)");
          }
          if (t == JsonToken.VALUE_NUMBER_FLOAT && p.getText().matches("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)")) {
            // YAML's .nan and .inf: numbers to the parser, but no threshold, ratio or price.
            throw new ConfigException(lines.file(p.currentTokenLocation().getLineNr()) + ": " + path(ctx).replaceFirst("^\\.", "")
                + ": " + p.getText() + " is not a finite number (write a number such as 0.9)");
          }
        }
      } catch (JsonProcessingException e) {
        throw lines.notYaml(e);
      } catch (IOException e) {
        throw new ConfigException(name + ": cannot read configuration: " + e.getMessage());
      }
      lines.byPath.remove("");
      try {
        lines.tree = Yaml.MAPPER.readTree(text);
      } catch (JsonProcessingException e) {
        // The token pass reads scalars as text; the tree reads their values, and a scalar that
        // looks like a number but is none (`30:0.`) fails only here.
        throw lines.notYaml(e);
      }
      return lines;
    }

    private ConfigException notYaml(JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String problem = firstLine(e.getOriginalMessage());
      if (problem.startsWith("Duplicate field")) {
        return new ConfigException(file(line) + ": " + problem.replace("Duplicate field", "duplicate key")
            + " (keep one of them)");
      }
      return new ConfigException(file(line) + ": not valid YAML: " + problem
          + " (fix the syntax; keys are 'name: value', lists '- item')");
    }

    private static String path(JsonStreamContext ctx) {
      List<String> parts = new ArrayList<>();
      for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
        if (c.inObject()) {
          if (c.getCurrentName() != null) {
            parts.add(0, "." + c.getCurrentName());
          }
        } else if (c.inArray()) {
          parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
        }
      }
      String s = String.join("", parts);
      return s.startsWith(".") ? s.substring(1) : s;
    }

    String file(int line) {
      return line > 0 ? name + ":" + line : name;
    }

    /** {@code FILE:LINE: path: problem}; the line of the nearest enclosing key that has one. */
    ConfigException error(String path, String problem) {
      Integer line = lineOf(path);
      return new ConfigException(file(line == null ? 0 : line) + ": " + (path.isEmpty() ? "top level" : path) + ": "
          + problem.replace('\n', ' '));
    }

    /** Throws the error at the path Jackson reports, on the line of that key or of the parser. */
    <T> T fail(JsonMappingException e, String problem) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference r : e.getPath()) {
        if (r.getFieldName() != null) {
          sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          sb.append('[').append(r.getIndex()).append(']');
        }
      }
      String path = sb.toString();
      // A section's constructor names the key it rejects first ("wide_cidr_prefix 40 is ..."):
      // point at that key when the section has it.
      JsonNode section = path.isEmpty() ? null : tree.at("/" + path.replace(".", "/").replace("[", "/").replace("]", ""));
      String first = problem.split(" ", 2)[0];
      if (!(e instanceof MismatchedInputException) && section != null && section.isObject() && section.has(first)) {
        path = path + "." + first;
        problem = problem.substring(first.length()).trim();
      }
      if (lineOf(path) == null && e.getLocation() != null) {
        throw new ConfigException(file(e.getLocation().getLineNr()) + ": " + (path.isEmpty() ? "top level" : path)
            + ": " + problem.replace('\n', ' '));
      }
      throw error(path, problem);
    }

    private Integer lineOf(String path) {
      Integer line = null;
      for (String p = path; line == null && !p.isEmpty(); p = parent(p)) {
        line = byPath.get(p);
      }
      return line;
    }

    private static String parent(String path) {
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      return cut <= 0 ? "" : path.substring(0, cut);
    }
  }
}
