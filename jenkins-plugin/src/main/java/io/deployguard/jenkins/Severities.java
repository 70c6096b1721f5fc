package io.deployguard.jenkins;

import hudson.util.ListBoxModel;

/** The fail-threshold choices both steps offer in the snippet generator. */
final class Severities {
  private Severities() {}

  static ListBoxModel items() {
    ListBoxModel items = new ListBoxModel();
    items.add("From the configuration (default: high)", "");
    for (String s : new String[] {"critical", "high", "medium", "low", "info"}) {
      items.add(s, s);
    }
    return items;
  }
}
