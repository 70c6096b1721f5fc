package io.deployguard.app;

import io.deployguard.policy.ConfigException;
import io.deployguard.policy.InputException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Plan inputs as people pass them: a JSON plan, {@code -} for standard input, a folder of plans,
 * or a binary plan saved by {@code terraform plan -out}, which is turned into JSON with {@code
 * terraform show -json} when a terraform binary is at hand.
 */
public final class PlanFiles {

  /** A binary plan is a zip archive; this is its first four bytes. */
  private static final byte[] ZIP = {'P', 'K', 3, 4};

  /** How long {@code terraform show -json} may take before the plan counts as unreadable. */
  private static final long TERRAFORM_MINUTES = 5;

  private PlanFiles() {}

  /**
   * One plan to read.
   *
   * @param shown how the user named it ({@code -} for standard input)
   * @param read the JSON file the reader opens (a copy of standard input, or terraform's output)
   * @param failure why it cannot be read (terraform failed on it), or {@code null}
   */
  public record Plan(Path shown, Path read, InputException failure) {

    /** {@link #read}, or the failure thrown. */
    public Path json() {
      if (failure != null) {
        throw failure;
      }
      return read;
    }
  }

  private static Plan plan(Path file, Path terraform) {
    try {
      return new Plan(file, converted(file, terraform), null);
    } catch (InputException e) {
      return new Plan(file, file, e);
    }
  }

  /**
   * The plans behind {@code given}: a folder stands for the plan files in it (JSON plans and saved
   * binary plans), sorted by name.
   *
   * @param stdin standard input, read when {@code given} is {@code -}
   * @param terraform the terraform binary ({@code --terraform}), or {@code null} to look on the PATH
   * @param took told which files a folder stood for
   * @throws InputException when a folder holds no plan file, or terraform fails on a binary plan
   */
  public static List<Plan> expand(Path given, InputStream stdin, Path terraform, java.util.function.Consumer<String> took) {
    if (given.toString().equals("-")) {
      return List.of(new Plan(given, Stdin.copy(stdin, "plan", ".json"), null));
    }
    if (!Files.isDirectory(given)) {
      return List.of(plan(given, terraform));
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(given)) {
      for (Path p : dir) {
        if (Files.isRegularFile(p) && (looksLikeJsonPlan(p) || binary(p))) {
          files.add(p);
        }
      }
    } catch (IOException e) {
      throw new InputException(given.toString(), "", "cannot list the folder: " + e.getMessage(),
          "check the path and its permissions");
    }
    if (files.isEmpty()) {
      throw new InputException(given.toString(), "", "no plan files in this folder (JSON from 'terraform show -json',"
          + " or saved plans from 'terraform plan -out')", "give a plan file, or the folder that holds them");
    }
    files.sort(null);
    took.accept(given + ": reading " + String.join(", ", files.stream().map(f -> f.getFileName().toString()).toList()));
    return files.stream().map(f -> plan(f, terraform)).toList();
  }

  /** A JSON file whose first kilobytes name a Terraform format or version. */
  private static boolean looksLikeJsonPlan(Path p) {
    if (!p.getFileName().toString().endsWith(".json")) {
      return false;
    }
    try (InputStream in = Files.newInputStream(p)) {
      String head = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      return head.contains("\"format_version\"") || head.contains("\"terraform_version\"");
    } catch (IOException e) {
      // Unreadable files are named by the reader when the folder holds nothing else.
      return false;
    }
  }

  /** A zip archive holding a {@code tfplan} entry: what {@code terraform plan -out} writes. */
  private static boolean binary(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      if (!java.util.Arrays.equals(in.readNBytes(4), ZIP)) {
        return false;
      }
    } catch (IOException e) {
      return false;
    }
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(p.toFile())) {
      return zip.getEntry("tfplan") != null;
    } catch (IOException e) {
      // Not a readable archive: the plan reader names it as the binary it is.
      return false;
    }
  }

  /**
   * {@code plan} itself, or for a binary plan with terraform at hand the JSON terraform shows
   * (run in the plan's folder, where its configuration was initialised). Without terraform the
   * binary plan is returned as it is, and the reader says what it is and how to convert it.
   */
  static Path converted(Path plan, Path terraform) {
    if (!Files.isRegularFile(plan) || !binary(plan)) {
      return plan;
    }
    Path binary = terraform != null ? terraform : onPath("terraform");
    if (binary == null) {
      return plan;
    }
    if (!Files.isExecutable(binary)) {
      throw new ConfigException("--terraform " + binary + ": not an executable file (give the path of the terraform binary)");
    }
    String name = plan.toString();
    try {
      Path json = Files.createTempFile("deployguard-plan", ".json");
      json.toFile().deleteOnExit();
      Path errors = Files.createTempFile("deployguard-terraform", ".txt");
      errors.toFile().deleteOnExit();
      Path abs = plan.toAbsolutePath();
      Process p = new ProcessBuilder(binary.toString(), "show", "-json", abs.getFileName().toString())
          .directory(abs.getParent().toFile())
          .redirectOutput(json.toFile())
          .redirectError(errors.toFile())
          .start();
      p.getOutputStream().close();
      if (!p.waitFor(TERRAFORM_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new InputException(name, "", "'" + binary + " show -json' did not finish in " + TERRAFORM_MINUTES + " minutes",
            "convert the plan yourself: terraform show -json " + name + " > plan.json");
      }
      if (p.exitValue() != 0) {
        List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8).stream()
            .map(l -> l.replaceAll("^[\\s│╷╵]+", "").strip()).filter(l -> !l.isEmpty()).toList();
        String why = lines.stream().filter(l -> l.startsWith("Error")).findFirst()
            .orElse(lines.isEmpty() ? "no message" : lines.get(0));
        throw new InputException(name, "", "'" + binary + " show -json' failed (exit " + p.exitValue() + "): " + why,
            "run it in the folder where the plan was made, after 'terraform init'");
      }
      return json;
    } catch (IOException e) {
      throw new InputException(name, "", "cannot run " + binary + ": " + e.getMessage(),
          "give the terraform binary with --terraform PATH, or convert the plan: terraform show -json " + name + " > plan.json");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InputException(name, "", "interrupted while terraform converted the plan", "run the scan again");
    }
  }

  /** The first executable {@code name} on the PATH, or {@code null}. */
  static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Standard input copied to a file, so that readers can open it twice. */
  public static final class Stdin {
    private Stdin() {}

    /**
     * @param what what is expected on standard input, for messages ({@code plan}, {@code Dockerfile})
     */
    public static Path copy(InputStream in, String what, String suffix) {
      try {
        Path file = Files.createTempFile("deployguard-stdin", suffix);
        file.toFile().deleteOnExit();
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
      } catch (IOException e) {
        throw new InputException("-", "", "cannot read the " + what + " from standard input: " + e.getMessage(),
            "pipe the " + what + " in, or give its path");
      }
    }
  }
}
