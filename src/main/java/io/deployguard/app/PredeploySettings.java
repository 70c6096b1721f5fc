package io.deployguard.app;

import io.deployguard.policy.Unset;
import java.util.List;

/**
 * The {@code predeploy:} section: which inputs {@code deployguard predeploy} scans when none are
 * given on the command line. Paths are relative to the configuration file.
 *
 * @param plans Terraform plan JSON files
 * @param dockerfiles Dockerfiles
 * @param images image sources ({@code docker-archive:PATH}, {@code docker-daemon:REF} ...)
 */
public record PredeploySettings(List<String> plans, List<String> dockerfiles, List<String> images) {
  public static final PredeploySettings DEFAULT = new PredeploySettings(null, null, null);

  public PredeploySettings {
    plans = Unset.list(plans);
    dockerfiles = Unset.list(dockerfiles);
    images = Unset.list(images);
  }
}
