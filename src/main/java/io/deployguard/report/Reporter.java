package io.deployguard.report;

import io.deployguard.policy.ScanResult;
import java.io.IOException;
import java.io.Writer;

/** Writes a scan result in one format. Implementations are stateless and deterministic. */
public interface Reporter {

  /** The format's name as given to {@code --format}, e.g. {@code sarif}. */
  String name();

  void write(ScanResult result, Writer out) throws IOException;
}
