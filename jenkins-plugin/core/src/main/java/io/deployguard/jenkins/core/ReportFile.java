package io.deployguard.jenkins.core;

import java.util.ArrayList;
import java.util.List;

/**
 * The reports a step asks the command line for, under deployguard's conventional file names. These
 * are the only files a step ever deletes, and only in its own reports directory.
 */
public enum ReportFile {
  JSON("json", "deployguard.json"),
  JUNIT("junit", "deployguard-junit.xml"),
  SARIF("sarif", "deployguard.sarif"),
  MARKDOWN("markdown", "deployguard.md"),
  GITLAB_SAST("gitlab-sast", "gl-sast-report.json");

  private final String format;
  private final String fileName;

  ReportFile(String format, String fileName) {
    this.format = format;
    this.fileName = fileName;
  }

  /** The format name of {@code --output FORMAT=PATH}, and the key in the step's {@code reports} map. */
  public String format() {
    return format;
  }

  public String fileName() {
    return fileName;
  }

  /** What every step writes, plus the GitLab SAST report when asked for. */
  public static List<ReportFile> written(boolean sast) {
    List<ReportFile> files = new ArrayList<>(List.of(JSON, JUNIT, SARIF, MARKDOWN));
    if (sast) {
      files.add(GITLAB_SAST);
    }
    return List.copyOf(files);
  }
}
