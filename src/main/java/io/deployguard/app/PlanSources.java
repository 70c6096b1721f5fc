package io.deployguard.app;

import io.deployguard.policy.Finding;
import io.deployguard.policy.ScanResult;
import io.deployguard.terraform.SourceLocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plan scans whose findings point at the {@code .tf} lines that declare them (see {@link
 * SourceLocator}): the Terraform root is the source root when it holds {@code .tf} files, else
 * the plan's folder when it does; without either, findings keep their plan location. Files that
 * could not be read are listed in a note of the result.
 */
public final class PlanSources {

  private final Path sourceRoot;
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param sourceRoot {@code --source-root} or the configuration's {@code source_root}, or {@code null}
   */
  public PlanSources(Path sourceRoot) {
    this.sourceRoot = sourceRoot;
  }

  /**
   * The job that scans one plan and locates its findings.
   *
   * @param shown the plan as the user named it ({@code -} for standard input)
   * @param readAs the JSON file the reader opens, as it names it
   * @param scan the plan scan
   */
  public ScanRunner.Job job(Path shown, String readAs, ScanRunner.InputScan scan) {
    SourceLocator[] locator = {SourceLocator.none()};
    return new ScanRunner.Job(shown.toString(), () -> {
      List<Finding> found = scan.scan();
      Path tf = terraformRoot(shown);
      if (tf != null) {
        locator[0] = SourceLocator.of(tf, Path.of(readAs));
        warnings.addAll(locator[0].warnings());
      }
      return locator[0].locate(found);
    }, Naming.plan(shown, readAs), () -> locator[0].ignores());
  }

  private Path terraformRoot(Path plan) {
    if (SourceLocator.holdsTf(sourceRoot)) {
      return sourceRoot;
    }
    Path folder = plan.toString().equals("-") ? Path.of("") : plan.toAbsolutePath().getParent();
    return SourceLocator.holdsTf(folder) ? folder : null;
  }

  /** {@code result} with a note listing the {@code .tf} files that could not be read, if any. */
  public ScanResult annotate(ScanResult result) {
    if (warnings.isEmpty()) {
      return result;
    }
    return result.withNote(new ScanResult.Note("Terraform sources not read",
        String.join("\n", warnings.stream().distinct().toList())));
  }
}
