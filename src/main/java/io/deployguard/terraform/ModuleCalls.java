package io.deployguard.terraform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The module calls of a plan's {@code configuration}: for each module path ({@code module.net},
 * {@code module.net.module.sg}), the {@code source} its call gives. Read in a streaming pass of
 * its own that skips everything else, so that the plan reader stays as it is.
 */
public final class ModuleCalls {

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(PlanReader.CONSTRAINTS)
      .build();

  private ModuleCalls() {}

  /**
   * The sources by module path; empty when the plan has no {@code configuration} or cannot be
   * read (the plan reader reports a plan that cannot be read; source locations are a convenience).
   */
  public static Map<String, String> read(Path plan) {
    Map<String, String> sources = new TreeMap<>();
    try (InputStream in = Files.newInputStream(plan); JsonParser p = FACTORY.createParser(in)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Map.of();
      }
      String name;
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (name.equals("configuration") && v == JsonToken.START_OBJECT) {
          String key;
          while ((key = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (key.equals("root_module") && t == JsonToken.START_OBJECT) {
              module(p, "", sources);
            } else {
              p.skipChildren();
            }
          }
          return sources;
        }
        p.skipChildren();
      }
    } catch (IOException | RuntimeException e) {
      return Map.copyOf(sources);
    }
    return sources;
  }

  /** Reads one module object (the parser is on its START_OBJECT). */
  private static void module(JsonParser p, String prefix, Map<String, String> sources) throws IOException {
    String key;
    while ((key = p.nextFieldName()) != null) {
      JsonToken t = p.nextToken();
      if (key.equals("module_calls") && t == JsonToken.START_OBJECT) {
        String call;
        while ((call = p.nextFieldName()) != null) {
          if (p.nextToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            continue;
          }
          String path = prefix + "module." + call;
          String field;
          while ((field = p.nextFieldName()) != null) {
            JsonToken f = p.nextToken();
            if (field.equals("source") && f == JsonToken.VALUE_STRING) {
              sources.put(path, p.getText());
            } else if (field.equals("module") && f == JsonToken.START_OBJECT) {
              module(p, path + ".", sources);
            } else {
              p.skipChildren();
            }
          }
        }
      } else {
        p.skipChildren();
      }
    }
  }
}
