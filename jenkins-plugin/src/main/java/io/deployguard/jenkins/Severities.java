package io.deployguard.jenkins;

import hudson.util.ListBoxModel;

/** The severity choices the steps offer in the snippet generator. */
final class Severities {
  private Severities() {}

  /** The severities, after an empty choice labelled {@code none}. */
  static ListBoxModel items(String none) {
    ListBoxModel items = new ListBoxModel();
    items.add(none, "");
    for (String s : new String[] {"critical", "high", "medium", "low", "info"}) {
      items.add(s, s);
    }
    return items;
  }
}
