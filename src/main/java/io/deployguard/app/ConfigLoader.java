package io.deployguard.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Limits;
import io.deployguard.policy.Location;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.RuleOverride;
import io.deployguard.policy.SettingException;
import io.deployguard.policy.Severity;
import io.deployguard.policy.Surrogates;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
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

  /** A message that ends with its own fix ({@code (use a number from 0 to 65535)}) needs no pointer to the docs. */
  private static final Pattern OWN_FIX = Pattern.compile("\\((use|write|give) [^()]*\\)$");

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
        .addModule(LimitedNumbers.module())
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
    return new Loaded(DeployguardConfig.DEFAULT, null, toPolicy(DeployguardConfig.DEFAULT, new KeyLineIndex("deployguard.yml")));
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
    KeyLineIndex lines = KeyLineIndex.parse(name, text);
    DeployguardConfig c = bind(lines);
    if (c.version() != 1) {
      throw lines.error("version", "version " + c.version() + " is not supported (write version: 1)");
    }
    checkRuleIds(c, lines, knownRuleIds);
    Loaded loaded = new Loaded(c, path, toPolicy(c, lines));
    if (loaded.sourceRoot() != null && SourceRoot.problem(loaded.sourceRoot()) != null) {
      // As --source-root: checked here, where the file's folder is known, so the error has its line.
      throw lines.error("source_root", "'" + c.sourceRoot() + "' (" + loaded.sourceRoot() + "): "
          + SourceRoot.problem(loaded.sourceRoot()) + " (give the repository root, relative to this file, e.g."
          + " source_root: .)");
    }
    return loaded;
  }

  /** Maps the one parsed tree onto the records; their types and {@link Limits} check every value. */
  private static DeployguardConfig bind(KeyLineIndex lines) {
    if (lines.empty()) {
      return DeployguardConfig.DEFAULT;
    }
    try {
      DeployguardConfig c = Yaml.MAPPER.treeToValue(lines.tree, DeployguardConfig.class);
      return c == null ? DeployguardConfig.DEFAULT : c;
    } catch (UnrecognizedPropertyException e) {
      List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
      String fix = known.isEmpty()
          ? "this section has no keys yet; remove it"
          : "known keys here: " + String.join(", ", known);
      throw lines.error(KeyLineIndex.path(e), "unknown key '" + e.getPropertyName() + "' (" + fix + ")");
    } catch (MismatchedInputException e) {
      throw lines.error(KeyLineIndex.path(e), "expected " + expected(e.getTargetType()) + lines.got(e));
    } catch (JsonMappingException e) {
      // A value type, a Limits bound or a section's constructor refused a value. Jackson's path
      // names the key; a constructor that refuses a key for a reason spanning keys names it.
      String path = KeyLineIndex.path(e);
      Throwable cause = e.getCause();
      String why;
      if (cause instanceof SettingException se) {
        path = path.isEmpty() ? se.key() : path + "." + se.key();
        why = se.problem();
      } else {
        why = cause instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
      }
      why = firstLine(why);
      throw lines.error(path, OWN_FIX.matcher(why).find() ? why : why + " (see " + DOCS + ")");
    } catch (JsonProcessingException e) {
      throw lines.notYaml(e);
    }
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (type.isRecord() && type.isAnnotationPresent(Limits.class) && type.getRecordComponents().length == 1) {
      // A bounded value type (a port, a prefix length) is written as the number it holds.
      type = type.getRecordComponents()[0].getType();
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

  private static void checkRuleIds(DeployguardConfig c, KeyLineIndex lines, Set<String> known) {
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

  private static PolicySettings toPolicy(DeployguardConfig c, KeyLineIndex lines) {
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

  private static void require(String value, KeyLineIndex lines, String key, String what) {
    if (value == null || value.isBlank()) {
      throw lines.error(key, (value == null ? "missing" : "empty") + " (give " + what + ")");
    }
  }

  private static Severity severity(String text, KeyLineIndex lines, String key) {
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

  /**
   * The configuration parsed once: its tree, and the line every key path starts on, so that
   * every message can name it. The one pass also refuses what the tree cannot show: duplicate
   * keys, a second document, anchors and aliases, {@code .nan} and {@code .inf}.
   */
  private static final class KeyLineIndex {
    private final String name;
    private final Map<String, Integer> lineByPath = new HashMap<>();
    private JsonNode tree;

    KeyLineIndex(String name) {
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

    static KeyLineIndex parse(String name, String text) {
      KeyLineIndex index = new KeyLineIndex(name);
      try (JsonParser p = index.new Indexing(Yaml.FACTORY.createParser(text))) {
        // One document: a second one is refused below with its own message.
        index.tree = Yaml.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(p);
        if (p.nextToken() != null) {
          throw new ConfigException(index.file(p.currentTokenLocation().getLineNr())
              + ": a second YAML document (---) follows the first (keep one)");
        }
      } catch (JsonProcessingException e) {
        // Also a scalar that looks like a number but is none (`30:0.`): the tree reads its value.
        throw index.notYaml(e);
      } catch (IOException e) {
        throw new ConfigException(name + ": cannot read configuration: " + e.getMessage());
      }
      return index;
    }

    /**
     * The parser the tree is read through: it notes the line of every key path as the tree
     * passes it, and refuses what the tree would silently lose.
     */
    private final class Indexing extends JsonParserDelegate {
      Indexing(JsonParser p) {
        super(p);
      }

      @Override
      public JsonToken nextToken() throws IOException {
        JsonToken t = delegate.nextToken();
        if (t == null) {
          return null;
        }
        JsonStreamContext ctx = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
            ? delegate.getParsingContext().getParent() : delegate.getParsingContext();
        int line = delegate.currentTokenLocation().getLineNr();
        lineByPath.putIfAbsent(path(ctx), line);
        if (delegate instanceof YAMLParser y && (y.isCurrentAlias() || y.getCurrentAnchor() != null)) {
          // The parser hands an alias over as the text of its name: *s would read as "s".
          throw new ConfigException(file(line) + ": " + path(ctx) + ": YAML anchors and aliases (&name, *name)"
              + " are not supported (write the value out in full)");
        }
        if (t == JsonToken.VALUE_NULL && ctx.inArray() && !ctx.getParent().inRoot()
            && !"waivers".equals(ctx.getParent().getCurrentName())) {
          // ~ or null in a list: no section takes one, and the records would fail without naming it.
          // (An empty waiver has its own message, naming what a waiver needs.)
          throw new ConfigException(file(line) + ": " + path(ctx) + ": an empty entry (give a value, or remove"
              + " the entry)");
        }
        if (t == JsonToken.VALUE_STRING || t == JsonToken.FIELD_NAME) {
          String text = delegate.getText();
          int lone = Surrogates.lone(text);
          if (lone >= 0) {
            // A waiver's reason or a rule's note would reach every report as "?".
            // A key is named by the mapping it is in: the key itself would print as "?".
            boolean key = t == JsonToken.FIELD_NAME;
            String where = key ? path(ctx.getParent()) : path(ctx);
            throw new ConfigException(file(line) + ": " + (where.isEmpty() ? "" : where + ": ") + (key ? "a key" : "the text")
                + " holds " + Surrogates.describe(text, lone)
                + " (" + Surrogates.FIX + ")");
          }
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT && delegate.getText().matches("[-+]?\\.(inf|Inf|INF|nan|NaN|NAN)")) {
          // YAML's .nan and .inf: numbers to the parser, but no threshold, ratio or price.
          throw new ConfigException(file(line) + ": " + path(ctx) + ": " + delegate.getText()
              + " is not a finite number (write a number such as 0.9)");
        }
        return t;
      }

      // The tree reader asks for field names directly; every token must pass nextToken above.
      @Override
      public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
      }

      @Override
      public boolean nextFieldName(SerializableString str) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(currentName());
      }

      @Override
      public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
      }

      @Override
      public int nextIntValue(int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
      }

      @Override
      public long nextLongValue(long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
      }

      @Override
      public Boolean nextBooleanValue() throws IOException {
        JsonToken t = nextToken();
        return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
      }

      @Override
      public JsonParser skipChildren() throws IOException {
        if (currentToken() == JsonToken.START_OBJECT || currentToken() == JsonToken.START_ARRAY) {
          for (int depth = 1; depth > 0; ) {
            JsonToken t = nextToken();
            if (t == null) {
              break;
            }
            depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
          }
        }
        return this;
      }
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

    /** {@code network.admin_ports[1]}: a parser position as a key path. */
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

    /** {@code network.admin_ports[1]}: the path Jackson reports, in the same form. */
    static String path(JsonMappingException e) {
      StringBuilder sb = new StringBuilder();
      for (JsonMappingException.Reference r : e.getPath()) {
        if (r.getFieldName() != null) {
          sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          sb.append('[').append(r.getIndex()).append(']');
        }
      }
      return sb.toString();
    }

    String file(int line) {
      return line > 0 ? name + ":" + line : name;
    }

    /**
     * {@code FILE:LINE: path: problem}; the line of the nearest enclosing key that has one, the
     * document's first line for the top level.
     */
    ConfigException error(String path, String problem) {
      Integer line = null;
      for (String p = path; line == null; p = parent(p)) {
        line = lineByPath.get(p);
        if (p.isEmpty()) {
          break;
        }
      }
      return new ConfigException(file(line == null ? 0 : line) + ": " + (path.isEmpty() ? "top level" : path) + ": "
          + problem.replace('\n', ' '));
    }

    private static String parent(String path) {
      int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
      return cut <= 0 ? "" : path.substring(0, cut);
    }
  }
}
