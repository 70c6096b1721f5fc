package io.deployguard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.util.Converter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Limits;
import io.deployguard.policy.RuleMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Schema of deployguard.yml against the one declaration of the configuration, the records
 * under {@link DeployguardConfig}: the schema has exactly their keys, with their types, limits and
 * defaults; the examples validate and load; every key is documented.
 */
class ConfigSchemaTest {
  private static final ObjectMapper YAML = YAMLMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  private static final Path EXAMPLES = Path.of("examples");

  private static JsonNode schemaTree;
  private static JsonSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = ConfigSchemaTest.class.getResourceAsStream("/io/deployguard/deployguard.schema.json")) {
      assertThat(in).as("schema on the classpath").isNotNull();
      schemaTree = new ObjectMapper().readTree(in);
    }
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree, config);
  }

  private static JsonNode resolve(JsonNode n) {
    while (n != null && n.has("$ref")) {
      n = schemaTree.at(n.get("$ref").asText().substring(1));
    }
    return n;
  }

  private static List<Path> exampleConfigs() throws IOException {
    try (Stream<Path> s = Files.walk(EXAMPLES)) {
      return s.filter(p -> p.getFileName().toString().matches("deployguard.*\\.ya?ml")).sorted().toList();
    }
  }

  private static List<String> violations(JsonNode doc) {
    return schema.validate(doc).stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  @Test
  void examplesExist() throws IOException {
    assertThat(exampleConfigs()).contains(EXAMPLES.resolve("deployguard.yml"));
  }

  @Test
  void everyExample_isValidAgainstTheSchema() throws IOException {
    for (Path p : exampleConfigs()) {
      assertThat(violations(YAML.readTree(p.toFile()))).as(p.toString()).isEmpty();
    }
  }

  /**
   * Rule ids of a capability whose rules are not in this build's catalogue at all cannot be
   * checked here; any id of a capability that is present must exist.
   */
  @Test
  void everyExample_loads() throws IOException {
    Set<String> known = RuleCatalogue.all().stream().map(RuleMetadata::id).collect(Collectors.toSet());
    Set<String> families = known.stream().map(id -> id.replaceAll("[0-9]", "")).collect(Collectors.toSet());
    for (Path p : exampleConfigs()) {
      JsonNode doc = YAML.readTree(p.toFile());
      Set<String> referenced = new TreeSet<>();
      doc.path("rules").fieldNames().forEachRemaining(referenced::add);
      doc.path("waivers").forEach(w -> referenced.add(w.path("rule").asText()));
      referenced.remove("*");
      Set<String> accepted = new HashSet<>(known);
      for (String id : referenced) {
        if (!known.contains(id) && !families.contains(id.replaceAll("[0-9]", ""))) {
          System.err.println("*** " + p + ": rule " + id + " belongs to a capability not in this build; its id is not checked ***");
          accepted.add(id);
        }
      }
      assertThat(ConfigLoader.load(p, accepted).path()).isEqualTo(p);
    }
  }

  @Test
  void everyObjectInTheSchema_rejectsUnknownKeys() {
    List<String> open = new ArrayList<>();
    collect(schemaTree, "", open);
    assertThat(open).as("objects without additionalProperties: false").isEmpty();
  }

  private static void collect(JsonNode n, String at, List<String> open) {
    if (n.isObject()) {
      if (n.has("properties") && !(n.has("additionalProperties") && n.get("additionalProperties").isBoolean()
          && !n.get("additionalProperties").asBoolean())) {
        open.add(at);
      }
      n.fields().forEachRemaining(e -> collect(e.getValue(), at + "/" + e.getKey(), open));
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        collect(n.get(i), at + "/" + i, open);
      }
    }
  }

  /**
   * The records are the one declaration of every key, its type and its {@link Limits}; the schema
   * must say the same, key by key, in both directions.
   */
  @Test
  void everySchemaKey_hasTheTypeAndLimitsItsRecordComponentDeclares() {
    List<String> drift = new ArrayList<>();
    compareRecord(schemaTree, DeployguardConfig.class, "(top level)", drift);
    assertThat(drift).isEmpty();
  }

  /** A record component as Jackson binds it: its key, its Java type and what bounds it. */
  private record Key(String name, java.lang.reflect.Type type, Class<?> converterInput, Limits limits) {
    static Key of(java.lang.reflect.RecordComponent rc) {
      JsonProperty json = rc.getAccessor().getAnnotation(JsonProperty.class);
      JsonDeserialize as = rc.getAccessor().getAnnotation(JsonDeserialize.class);
      Class<?> converter = as == null ? null
          : as.converter() != Converter.None.class ? as.converter()
          : as.contentConverter() != Converter.None.class ? as.contentConverter() : null;
      Class<?> input = converter == null ? null : (Class<?>)
          ((ParameterizedType) converter.getGenericSuperclass()).getActualTypeArguments()[0];
      return new Key(json == null ? rc.getName() : json.value(), rc.getGenericType(), input,
          rc.getAnnotation(Limits.class));
    }
  }

  private static void compareRecord(JsonNode object, Class<?> record, String path, List<String> drift) {
    Map<String, Key> bound = new java.util.TreeMap<>();
    for (java.lang.reflect.RecordComponent rc : record.getRecordComponents()) {
      Key k = Key.of(rc);
      bound.put(k.name(), k);
    }
    Set<String> allowed = new TreeSet<>();
    object.path("properties").fieldNames().forEachRemaining(allowed::add);
    if (!allowed.equals(bound.keySet())) {
      drift.add(path + ": schema allows " + allowed + ", " + record.getSimpleName() + " binds " + bound.keySet());
    }
    for (String key : allowed) {
      Key k = bound.get(key);
      if (k != null) {
        compareValue(object.get("properties").get(key), k.type(), k.converterInput(), k.limits(),
            path.startsWith("(") ? key : path + "." + key, drift);
      }
    }
  }

  /**
   * One value: its JSON type, its limits and, for lists, maps and sections, what they hold. A
   * converter's input ({@code Port}, {@code CidrPrefix}) is what the file holds, and applies to
   * the value itself or, for a list, to its items.
   */
  private static void compareValue(JsonNode declared, java.lang.reflect.Type type, Class<?> as, Limits limits,
      String path, List<String> drift) {
    JsonNode s = resolve(declared);
    Class<?> raw = raw(type);
    if (List.class.isAssignableFrom(raw)) {
      expectType(s, "array", path, drift);
      java.lang.reflect.Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
      compareValue(s.path("items"), item, as, limits, path + "[]", drift);
      return;
    }
    if (Map.class.isAssignableFrom(raw)) {
      expectType(s, "object", path, drift);
      java.lang.reflect.Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      compareValue(s.path("additionalProperties"), value, as, limits, path + ".<key>", drift);
      return;
    }
    Class<?> written = as != null ? as : raw;
    if (written == io.deployguard.policy.ByteSize.class) {
      if (!"#/$defs/byteSize".equals(declared.path("$ref").asText())) {
        drift.add(path + ": a size, but the schema does not use #/$defs/byteSize");
      }
      return;
    }
    if (written == io.deployguard.aws.DurationText.Written.class) {
      if (!"#/$defs/duration".equals(declared.path("$ref").asText())) {
        drift.add(path + ": a duration, but the schema does not use #/$defs/duration");
      }
      return;
    }
    if (written == io.deployguard.aws.DurationText.Positive.class) {
      if (!"#/$defs/positiveDuration".equals(declared.path("$ref").asText())) {
        drift.add(path + ": a duration longer than 0s, but the schema does not use #/$defs/positiveDuration");
      }
      return;
    }
    if (written.isRecord() && written.isAnnotationPresent(Limits.class)) {
      // A bounded value type: the number it holds, and the type's own limits.
      limits = written.getAnnotation(Limits.class);
      written = written.getRecordComponents()[0].getType();
    }
    if (written.isRecord()) {
      expectType(s, "object", path, drift);
      compareRecord(s, written, path, drift);
      return;
    }
    expectType(s, jsonType(written), path, drift);
    compareLimits(s, limits, path, drift);
  }

  /** The type column of docs/configuration.md gives every bounded key its range, as the records declare it. */
  @Test
  void everyBoundedKey_isDocumentedWithItsRange() throws IOException {
    List<String> rows = Files.readAllLines(Path.of("docs/configuration.md"));
    Map<String, Limits> bounded = new java.util.TreeMap<>();
    boundedKeys(DeployguardConfig.class, "", bounded);
    assertThat(bounded).containsKeys("network.wide_cidr_prefix", "targets.parallel", "alarms.required[].period");
    List<String> wrong = new ArrayList<>();
    bounded.forEach((key, limits) -> {
      String range = range(limits);
      boolean documented = rows.stream().filter(r -> r.startsWith("| `" + key + "` |"))
          .anyMatch(r -> r.split("\\|")[2].contains(range));
      if (!documented) {
        wrong.add(key + " (" + range + ")");
      }
    });
    assertThat(wrong).as("keys whose type column in docs/configuration.md lacks their range").isEmpty();
  }

  /** Every declared limit is enforced: a value just outside it is refused at that key's own path. */
  @Test
  void everyBoundedKey_refusesAValueJustOutsideItsLimitsAtItsOwnKey() throws IOException {
    Map<String, Limits> bounded = new java.util.TreeMap<>();
    boundedKeys(DeployguardConfig.class, "", bounded);
    List<String> unenforced = new ArrayList<>();
    for (Map.Entry<String, Limits> e : bounded.entrySet()) {
      Limits l = e.getValue();
      double outside = Double.isFinite(l.min()) ? (l.minExclusive() ? l.min() : l.min() - 1)
          : (l.maxExclusive() ? l.max() : l.max() + 1);
      ObjectNode doc = everyKey();
      String[] parts = e.getKey().split("\\.");
      JsonNode at = doc;
      for (int i = 0; i < parts.length - 1; i++) {
        at = parts[i].endsWith("[]") ? at.get(parts[i].replace("[]", "")).get(0) : at.get(parts[i]);
      }
      ((ObjectNode) at).put(parts[parts.length - 1], (long) outside);
      Path p = dir.resolve("deployguard.yml");
      YAML.writeValue(p.toFile(), doc);
      String key = e.getKey().replace("[]", "[0]");
      try {
        ConfigLoader.load(p);
        unenforced.add(e.getKey() + " accepted " + (long) outside);
      } catch (ConfigException refused) {
        if (!refused.getMessage().contains(": " + key + ": ")) {
          unenforced.add(e.getKey() + " refused elsewhere: " + refused.getMessage());
        }
      }
    }
    assertThat(unenforced).isEmpty();
  }

  /** The keys read as durations accept in the schema exactly what the loader accepts. */
  @Test
  void durationKeys_acceptInTheSchemaWhatTheLoaderAccepts() throws IOException {
    List<String> samples = List.of("90s", "5m", "24h", "2d", "24H", " 30m ", "0s", "PT24H", "pt5m", "P2D",
        "soon", "5w", "-1h", "1.5h", "h", "24 h", "");
    List<String> disagree = new ArrayList<>();
    List<String> durations = new ArrayList<>();
    keysReadAs(DeployguardConfig.class, "", io.deployguard.aws.DurationText.Written.class, durations);
    keysReadAs(DeployguardConfig.class, "", io.deployguard.aws.DurationText.Positive.class, durations);
    assertThat(durations).contains("targets.target_timeout", "alarms.insufficient_data_max");
    for (String key : durations) {
      for (String sample : samples) {
        ObjectNode doc = YAML.createObjectNode();
        String[] parts = key.split("\\.");
        doc.putObject(parts[0]).put(parts[1], sample);
        boolean schemaAccepts = violations(doc).isEmpty();
        Path p = dir.resolve("deployguard.yml");
        YAML.writeValue(p.toFile(), doc);
        boolean loaderAccepts;
        try {
          ConfigLoader.load(p);
          loaderAccepts = true;
        } catch (ConfigException e) {
          loaderAccepts = false;
        }
        if (schemaAccepts != loaderAccepts) {
          disagree.add(key + "='" + sample + "': schema " + schemaAccepts + ", loader " + loaderAccepts);
        }
      }
    }
    assertThat(disagree).isEmpty();
  }

  /** Scalar keys in sections (not in lists) that bind through {@code as}. */
  private static void keysReadAs(Class<?> record, String prefix, Class<?> as, List<String> out) {
    for (java.lang.reflect.RecordComponent rc : record.getRecordComponents()) {
      Key k = Key.of(rc);
      Class<?> raw = raw(k.type());
      if (k.converterInput() == as) {
        out.add(prefix + k.name());
      } else if (raw.isRecord() && raw.getPackageName().startsWith("io.deployguard")) {
        keysReadAs(raw, prefix + k.name() + ".", as, out);
      }
    }
  }

  /** Scalar keys with limits, their own or their value type's, by the path the docs use. */
  private static void boundedKeys(Class<?> record, String prefix, Map<String, Limits> out) {
    for (java.lang.reflect.RecordComponent rc : record.getRecordComponents()) {
      Key k = Key.of(rc);
      Class<?> raw = raw(k.type());
      if (List.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
        java.lang.reflect.Type[] args = ((ParameterizedType) k.type()).getActualTypeArguments();
        Class<?> item = raw(args[args.length - 1]);
        if (item.isRecord() && item.getPackageName().startsWith("io.deployguard") && List.class.isAssignableFrom(raw)) {
          boundedKeys(item, prefix + k.name() + "[].", out);
        }
        continue;
      }
      Class<?> written = k.converterInput() != null ? k.converterInput() : raw;
      Limits l = k.limits() != null ? k.limits() : written.getAnnotation(Limits.class);
      if (l != null) {
        out.put(prefix + k.name(), l);
      } else if (written.isRecord() && written.getPackageName().startsWith("io.deployguard")
          && written != io.deployguard.policy.ByteSize.class) {
        boundedKeys(written, prefix + k.name() + ".", out);
      }
    }
  }

  /** {@code 0-32}, {@code at least 1}, {@code above 0, at most 100}: a range as the docs write it. */
  private static String range(Limits l) {
    String min = Limits.Check.text(l.min());
    String max = Limits.Check.text(l.max());
    boolean hasMin = Double.isFinite(l.min());
    boolean hasMax = Double.isFinite(l.max());
    if (hasMin && hasMax && !l.minExclusive() && !l.maxExclusive()) {
      return min + "-" + max;
    }
    List<String> parts = new ArrayList<>();
    if (hasMin) {
      parts.add((l.minExclusive() ? "above " : "at least ") + min);
    }
    if (hasMax) {
      parts.add((l.maxExclusive() ? "below " : "at most ") + max);
    }
    return String.join(", ", parts);
  }

  private static Class<?> raw(java.lang.reflect.Type t) {
    return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
  }

  private static String jsonType(Class<?> c) {
    if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
      return "integer";
    }
    if (c == Double.class || c == double.class) {
      return "number";
    }
    if (c == Boolean.class || c == boolean.class) {
      return "boolean";
    }
    if (c == String.class || c == java.time.LocalDate.class) {
      return "string";
    }
    throw new AssertionError("no JSON type known for " + c + "; teach this test");
  }

  /** The schema's type: {@code type}, or what an {@code enum} or {@code const} holds. */
  private static void expectType(JsonNode s, String type, String path, List<String> drift) {
    String declared = s.has("type") ? s.get("type").asText()
        : s.has("enum") && s.get("enum").get(0).isTextual() ? "string"
        : s.has("const") && s.get("const").isIntegralNumber() ? "integer"
        : "(none)";
    if (!declared.equals(type)) {
      drift.add(path + ": schema type " + declared + ", the record binds " + type);
    }
  }

  private static void compareLimits(JsonNode s, Limits limits, String path, List<String> drift) {
    Map<String, Double> declared = new java.util.TreeMap<>();
    for (String k : List.of("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")) {
      if (s.has(k)) {
        declared.put(k, s.get(k).asDouble());
      }
    }
    Map<String, Double> bound = new java.util.TreeMap<>();
    if (limits != null) {
      if (Double.isFinite(limits.min())) {
        bound.put(limits.minExclusive() ? "exclusiveMinimum" : "minimum", limits.min());
      }
      if (Double.isFinite(limits.max())) {
        bound.put(limits.maxExclusive() ? "exclusiveMaximum" : "maximum", limits.max());
      }
    }
    if (!declared.equals(bound)) {
      drift.add(path + ": schema limits " + declared + ", the record's Limits " + bound);
    }
  }

  /** Equal as configuration values: 80 is 80.0, and 10GiB is 10.0 GiB. */
  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isTextual() && b.isTextual() && !a.asText().equals(b.asText())) {
      try {
        return io.deployguard.policy.ByteSize.parse(a.asText()).bytes()
            == io.deployguard.policy.ByteSize.parse(b.asText().replace(" ", "")).bytes();
      } catch (IllegalArgumentException notASize) {
        return false;
      }
    }
    return a.isValueNode() && b.isValueNode() ? a.asText().equals(b.asText()) : a.equals(b);
  }

  @Test
  void schemaDefaults_areTheValuesTheLoaderUsesWhenAKeyIsMissing() {
    JsonNode actual = YAML.valueToTree(DeployguardConfig.DEFAULT);
    List<String> wrong = new ArrayList<>();
    forEachProperty(schemaTree, actual, "", (path, pair) -> {
      JsonNode declared = pair[0].get("default");
      if (declared != null && !sameValue(declared, pair[1])) {
        wrong.add(path + ": schema says " + declared + ", loader uses " + pair[1]);
      }
    });
    assertThat(wrong).isEmpty();
  }

  /** Visits every property reachable through objects, with its schema and the value in {@code doc}. */
  private static void forEachProperty(JsonNode object, JsonNode doc, String path, BiConsumer<String, JsonNode[]> visit) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.path("properties").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      JsonNode value = doc == null ? null : doc.get(e.getKey());
      visit.accept(at, new JsonNode[] {e.getValue(), value});
      JsonNode resolved = resolve(e.getValue());
      if (resolved.has("properties")) {
        forEachProperty(resolved, value, at, visit);
      }
    }
  }

  /** A document that sets every key the schema has, from its examples or defaults. */
  private static ObjectNode everyKey() {
    ObjectNode doc = (ObjectNode) sample(schemaTree, "");
    String ruleId = RuleCatalogue.all().get(0).id();
    ObjectNode rules = (ObjectNode) doc.get("rules");
    rules.set(ruleId, rules.remove("<id>"));
    ((ObjectNode) doc.get("waivers").get(0)).put("rule", ruleId);
    // A required alarm watches a metric or a Metrics Insights query, never both.
    ((ObjectNode) doc.get("alarms").get("required").get(0)).remove("query");
    return doc;
  }

  /** Objects of a sample document whose keys are free (checked by value, not by name). */
  private static final java.util.Set<JsonNode> FREE_MAPS =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  private static JsonNode sample(JsonNode s, String path) {
    JsonNode r = resolve(s);
    if (r.has("properties")) {
      ObjectNode o = YAML.createObjectNode();
      r.get("properties").fields().forEachRemaining(e ->
          o.set(e.getKey(), sample(e.getValue(), path + "." + e.getKey())));
      return o;
    }
    if (r.has("additionalProperties") && r.get("additionalProperties").isObject()) {
      // A mapping with free keys (rule ids, build-argument names): its keys are data, not schema.
      ObjectNode o = s.has("examples") ? s.get("examples").get(0).deepCopy() : YAML.createObjectNode();
      if (o.isEmpty()) {
        o.set("<id>", sample(r.get("additionalProperties"), path + ".<id>"));
      }
      FREE_MAPS.add(o);
      return o;
    }
    if (r.has("items") && r.get("items").has("$ref") && resolve(r.get("items")).has("properties")) {
      ArrayNode a = YAML.createArrayNode();
      a.add(sample(r.get("items"), path + "[]"));
      return a;
    }
    if (s.has("examples")) {
      return s.get("examples").get(0);
    }
    if (s.has("default")) {
      return s.get("default");
    }
    throw new AssertionError("schema key " + path + " has neither examples nor a default; add one for the docs");
  }

  @Test
  void documentSettingEveryKey_isValidAndBindsEveryValue() throws IOException {
    ObjectNode doc = everyKey();
    assertThat(violations(doc)).isEmpty();
    Path p = dir.resolve("deployguard.yml");
    YAML.writeValue(p.toFile(), doc);
    JsonNode bound = YAML.valueToTree(ConfigLoader.load(p).config());
    List<String> lost = new ArrayList<>();
    contained(doc, bound, "", lost);
    assertThat(lost).isEmpty();
  }

  private static void contained(JsonNode expected, JsonNode actual, String path, List<String> lost) {
    if (expected.isObject()) {
      expected.fields().forEachRemaining(e -> contained(e.getValue(), actual == null ? null : actual.get(e.getKey()),
          path + "." + e.getKey(), lost));
    } else if (expected.isArray() && actual != null && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        contained(expected.get(i), actual.get(i), path + "[" + i + "]", lost);
      }
    } else if (actual == null || !sameValue(expected, actual)) {
      lost.add(path + ": wrote " + expected + ", loaded " + actual);
    }
  }

  @Test
  void unknownKeyAtEveryLevel_isRejectedByBothSchemaAndLoader() throws IOException {
    List<ObjectNode> objects = new ArrayList<>();
    ObjectNode doc = everyKey();
    objectsIn(doc, objects);
    // rules: and build_args: are keyed by ids and names, not by fixed keys.
    objects.removeIf(FREE_MAPS::contains);
    assertThat(objects).hasSizeGreaterThan(10);
    for (ObjectNode o : objects) {
      o.put("not_a_key", 1);
      assertThat(violations(doc)).as("schema with not_a_key in " + o).isNotEmpty();
      Path p = dir.resolve("deployguard.yml");
      YAML.writeValue(p.toFile(), doc);
      assertThatThrownBy(() -> ConfigLoader.load(p)).isInstanceOf(ConfigException.class)
          .hasMessageContaining("unknown key 'not_a_key'");
      o.remove("not_a_key");
    }
  }

  private static void objectsIn(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode o) {
      out.add(o);
    }
    n.forEach(child -> objectsIn(child, out));
  }

  @Test
  void everySchemaKey_isDocumented() throws IOException {
    String docs = Files.readString(Path.of("docs/configuration.md"));
    List<String> missing = new ArrayList<>();
    forEachProperty(schemaTree, null, "", (path, pair) -> {
      if (!docs.contains("`" + path + "`")) {
        missing.add(path);
      }
    });
    JsonNode waiver = resolve(schemaTree.at("/properties/waivers/items"));
    waiver.get("properties").fieldNames().forEachRemaining(k -> {
      if (!docs.contains("`waivers[]." + k + "`")) {
        missing.add("waivers[]." + k);
      }
    });
    resolve(schemaTree.at("/$defs/ruleSpec")).get("properties").fieldNames().forEachRemaining(k -> {
      if (!docs.contains("`rules.<id>." + k + "`")) {
        missing.add("rules.<id>." + k);
      }
    });
    assertThat(missing).as("keys missing from docs/configuration.md (write them in backticks)").isEmpty();
  }
}
