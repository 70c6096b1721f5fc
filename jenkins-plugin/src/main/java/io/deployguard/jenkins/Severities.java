package io.deployguard.jenkins;

import hudson.util.ListBoxModel;
import io.deployguard.jenkins.core.Severity;

/** The severity choices the steps offer in the snippet generator. */
final class Severities {
  private Severities() {}

  /** The severities, highest first, after an empty choice labelled {@code none}. */
  static ListBoxModel items(String none) {
    ListBoxModel items = new ListBoxModel();
    items.add(none, "");
    Severity[] all = Severity.values();
    for (int i = all.length - 1; i >= 0; i--) {
      items.add(all[i].lowerName(), all[i].lowerName());
    }
    return items;
  }
}
