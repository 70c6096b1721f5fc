package io.deployguard.aws.org;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.deployguard.policy.ConfigException;
import io.deployguard.policy.Surrogates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An accounts file: the accounts a run covers, written by hand or exported from an inventory.
 *
 * <pre>
 * accounts:
 *   - id: "111111111111"
 *     name: payments-prod
 *     role: deployguard-member          # or arn:aws:iam::111111111111:role/deployguard-member
 *     external_id: s3cr3t               # optional
 *     regions: [eu-west-1, us-east-1]   # optional: else --regions, else the run's region; [all]: its enabled regions
 * </pre>
 *
 * Unknown keys, a duplicate id, an empty list, a region that is no region name, a text holding half
 * a UTF-16 surrogate pair or a file that cannot be read are configuration errors naming the file
 * and entry.
 */
public final class AccountsFile {
  private AccountsFile() {}

  private static final long MAX_BYTES = 4L * 1024 * 1024;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  record Wire(@JsonProperty("accounts") List<Entry> accounts) {}

  record Entry(@JsonProperty("id") String id, @JsonProperty("name") String name, @JsonProperty("role") String role,
      @JsonProperty("external_id") String externalId, @JsonProperty("regions") List<String> regions) {}

  /**
   * Reads {@code file}; entries without a role take {@code defaultRole}, without an external id
   * {@code defaultExternalId}.
   *
   * @throws ConfigException naming the file and the entry when it cannot be used
   */
  public static List<Account> read(Path file, String defaultRole, String defaultExternalId) {
    Wire wire;
    if (Files.isDirectory(file)) {
      throw new ConfigException("--accounts " + file + ": a folder, not an accounts file (give the YAML file that"
          + " lists the accounts)");
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ConfigException("--accounts " + file + ": larger than 4 MiB; is this an accounts file?");
      }
      byte[] text;
      try (InputStream in = Files.newInputStream(file)) {
        text = in.readAllBytes();
      } catch (IOException e) {
        // Not the file's content: permissions, a device that refuses reading.
        throw new ConfigException("--accounts " + file + ": cannot read it: " + reason(e)
            + " (check the file's permissions for the user running deployguard)");
      }
      wire = YAML.readValue(text, Wire.class);
    } catch (NoSuchFileException e) {
      throw new ConfigException("--accounts " + file + ": no such file (check the path; a relative one is read from"
          + " the working folder)");
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException("--accounts " + file + ": unknown key '" + e.getPropertyName()
          + "' (known: accounts; per account: id, name, role, external_id, regions)");
    } catch (IOException e) {
      throw new ConfigException("--accounts " + file + ": not an accounts file: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    return accounts(file, wire, defaultRole, defaultExternalId);
  }

  /**
   * Refuses a text of the entry holding half a UTF-16 surrogate pair ({@code name: "prod \ud800"}):
   * it is no character, and would reach every report and message as {@code ?}.
   */
  private static void wholeCharacters(String at, Entry e) {
    wholeCharacters(at, "id", e.id());
    wholeCharacters(at, "name", e.name());
    wholeCharacters(at, "role", e.role());
    wholeCharacters(at, "external_id", e.externalId());
    if (e.regions() != null) {
      for (int k = 0; k < e.regions().size(); k++) {
        wholeCharacters(at, "regions[" + k + "]", e.regions().get(k));
      }
    }
  }

  private static void wholeCharacters(String at, String key, String text) {
    int lone = text == null ? -1 : Surrogates.lone(text);
    if (lone >= 0) {
      throw new ConfigException(at + ": " + key + " holds " + Surrogates.describe(text, lone)
          + " (" + Surrogates.FIX + ")");
    }
  }

  /** {@code permission denied} for an {@link java.nio.file.AccessDeniedException}, else the exception's own words. */
  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String m = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason()
        : String.valueOf(e.getMessage());
    return m.lines().findFirst().orElse(m);
  }

  private static List<Account> accounts(Path file, Wire wire, String defaultRole, String defaultExternalId) {
    if (wire == null || wire.accounts() == null || wire.accounts().isEmpty()) {
      throw new ConfigException("--accounts " + file + ": no accounts; list them under 'accounts:'");
    }
    List<Account> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < wire.accounts().size(); i++) {
      Entry e = wire.accounts().get(i);
      String at = "--accounts " + file + ": accounts[" + i + "]";
      if (e == null || e.id() == null) {
        throw new ConfigException(at + ": no id; give the 12-digit account id in quotes");
      }
      wholeCharacters(at, e);
      if (!seen.add(e.id())) {
        throw new ConfigException(at + ": account " + e.id() + " is listed twice");
      }
      try {
        out.add(new Account(e.id(), e.name(), e.role() == null ? defaultRole : e.role(),
            e.externalId() == null ? defaultExternalId : e.externalId(), e.regions()));
      } catch (ConfigException bad) {
        throw new ConfigException(at + ": " + bad.getMessage());
      }
    }
    return out;
  }
}
