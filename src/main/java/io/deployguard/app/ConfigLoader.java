package io.deployguard.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Location;
import io.deployguard.policy.PolicySettings;
import io.deployguard.policy.RuleOverride;
import io.deployguard.policy.Severity;
import io.deployguard.policy.Waiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code deployguard.yml}: unknown keys, wrong types and bad values are {@link
 * ConfigException}s naming the file, the key path and the fix.
 */
public final class ConfigLoader {

  /** The configuration and the file it came from ({@code null} for the defaults). */
  public record Loaded(DeployguardConfig config, Path path, PolicySettings policy) {
    /** Resolves a path written in the configuration against the configuration's folder. */
    public Path resolve(String p) {
      Path base = path == null ? Path.of("") : path.toAbsolutePath().getParent();
      return base.resolve(p).normalize();
    }
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private ConfigLoader() {}

  /** The defaults of DESIGN.md, as used when no configuration file is given. */
  public static Loaded defaults() {
    return new Loaded(DeployguardConfig.DEFAULT, null, toPolicy(DeployguardConfig.DEFAULT, "deployguard.yml"));
  }

  public static Loaded load(Path path) {
    String name = path.toString();
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": configuration file not found (check --config)");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot read configuration: " + e.getMessage());
    }
    DeployguardConfig c;
    try {
      c = text.isBlank() ? DeployguardConfig.DEFAULT : YAML.readValue(text, DeployguardConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(name + ": " + where(e) + ": unknown key '" + e.getPropertyName()
          + "' (known keys here: " + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList())
          + ")");
    } catch (JsonMappingException e) {
      String why = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage() : e.getOriginalMessage();
      throw new ConfigException(name + ": " + where(e) + ": " + firstLine(why));
    } catch (IOException e) {
      throw new ConfigException(name + ": not valid YAML: " + firstLine(e.getMessage()));
    }
    if (c == null) {
      c = DeployguardConfig.DEFAULT;
    }
    if (c.version() != 1) {
      throw new ConfigException(name + ": version: " + c.version() + " is not supported (use version: 1)");
    }
    return new Loaded(c, path, toPolicy(c, name));
  }

  private static PolicySettings toPolicy(DeployguardConfig c, String name) {
    Severity failOn = severity(c.failOn(), name, "fail_on");
    Map<String, RuleOverride> overrides = new LinkedHashMap<>();
    c.rules().forEach((id, spec) -> {
      if (spec == null) {
        throw new ConfigException(name + ": rules." + id + ": give enabled and/or severity");
      }
      overrides.put(id, new RuleOverride(spec.enabled(),
          spec.severity() == null ? null : severity(spec.severity(), name, "rules." + id + ".severity")));
    });
    List<Waiver> waivers = new ArrayList<>();
    for (int i = 0; i < c.waivers().size(); i++) {
      DeployguardConfig.WaiverSpec w = c.waivers().get(i);
      String at = "waivers[" + i + "]";
      if (w == null || w.rule() == null || w.resource() == null || w.reason() == null || w.expires() == null
          || w.reason().isBlank()) {
        throw new ConfigException(name + ": " + at + ": a waiver needs rule, resource, reason and expires (YYYY-MM-DD)");
      }
      waivers.add(new Waiver(w.rule(), w.resource(), w.reason(), w.expires(), Location.pointer(name, at)));
    }
    return new PolicySettings(failOn, overrides, waivers);
  }

  static Severity severity(String text, String file, String key) {
    try {
      return Severity.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + key + ": " + e.getMessage());
    }
  }

  private static String where(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    String loc = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    return (sb.length() == 0 ? "top level" : sb.toString()) + loc;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
