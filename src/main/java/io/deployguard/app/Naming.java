package io.deployguard.app;

import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.ScanError;
import io.deployguard.terraform.SourceLocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How the findings and errors of one input are named in reports and fingerprints, whatever the
 * reader called them: a file by its path from the {@link SourceRoot}, an image by its repository
 * without tag or digest. A plan's findings also carry the plan's path in their identity, so that
 * a baseline or waiver for {@code envs/prod.json} does not cover {@code envs/staging.json}.
 */
public final class Naming {

  /** Findings keep the names their reader gave them (live accounts, alarms). */
  public static final Naming AS_READ = new Naming(Kind.AS_READ, null, null);

  private enum Kind {
    AS_READ,
    FILE,
    PLAN,
    IMAGE
  }

  private final Kind kind;
  private final Path path;
  private final String readAs;

  private Naming(Kind kind, Path path, String readAs) {
    this.kind = kind;
    this.path = path;
    this.readAs = readAs;
  }

  /** A file whose reader names it {@code path.toString()} (Dockerfiles). */
  public static Naming file(Path path) {
    return file(path, path.toString());
  }

  /** A file whose reader names it {@code readAs} (a copy of standard input, say). */
  public static Naming file(Path path, String readAs) {
    return new Naming(Kind.FILE, path, readAs);
  }

  /** A plan whose reader names it {@code readAs}: file naming, and the path in each identity. */
  public static Naming plan(Path path, String readAs) {
    return new Naming(Kind.PLAN, path, readAs);
  }

  /** An image: its findings' resource is its repository, without tag or digest. */
  public static Naming image() {
    return new Naming(Kind.IMAGE, null, null);
  }

  /** What the run's input list calls this input, or {@code given} when it is not a file. */
  public String input(String given, SourceRoot root) {
    return path == null ? given : name(root);
  }

  private String name(SourceRoot root) {
    return path.toString().equals("-") ? "-" : root.name(path);
  }

  /** The findings of this input as reports name them. */
  public List<Finding> findings(List<Finding> raw, SourceRoot root) {
    if (kind == Kind.AS_READ) {
      return raw;
    }
    // The input's name once for all its findings: naming a path resolves and relativizes it.
    String name = path == null || raw.isEmpty() ? null : name(root);
    List<Finding> out = new ArrayList<>(raw.size());
    for (Finding f : raw) {
      out.add(finding(f, root, name, kind == Kind.PLAN));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A finding about this input that another check made (EKS001 from a plan's node group): its
   * paths renamed, its identity left alone.
   */
  public Finding renamed(Finding f, SourceRoot root) {
    return kind == Kind.FILE || kind == Kind.PLAN ? finding(f, root, name(root), false) : f;
  }

  private Finding finding(Finding f, SourceRoot root, String name, boolean scoped) {
    if (kind == Kind.IMAGE) {
      return with(f, repository(f.resource()), f.location(), f.key());
    }
    Location l = f.location();
    Location location = l.input().equals(readAs) ? new Location(name, l.line(), l.pointer())
        : kind == Kind.PLAN && Path.of(l.input()).isAbsolute() ? new Location(root.name(Path.of(l.input())), l.line(), l.pointer())
        : l;
    java.util.Map<String, String> details = f.details();
    if (readAs.equals(details.get(SourceLocator.PLAN))) {
      details = new java.util.TreeMap<>(details);
      details.put(SourceLocator.PLAN, name);
    }
    String resource = f.resource().startsWith(readAs) ? name + f.resource().substring(readAs.length()) : f.resource();
    String key = !scoped ? f.key() : f.key().isEmpty() ? name
        : new StringBuilder(name.length() + 1 + f.key().length()).append(name).append(' ').append(f.key()).toString();
    return resource.equals(f.resource()) && location == l && key.equals(f.key()) && details == f.details() ? f
        : new Finding(f.ruleId(), f.title(), f.severity(), resource, f.message(), location, f.fix(), key, details,
            f.suppression());
  }

  /** The error of this input as reports name it. */
  public ScanError error(ScanError e, SourceRoot root) {
    return path != null && e.input().equals(readAs) ? new ScanError(name(root), e.place(), e.message(), e.hint()) : e;
  }

  /** {@code registry:5000/team/app:1.2@sha256:...} is {@code registry:5000/team/app}. */
  static String repository(String reference) {
    String r = reference;
    int at = r.indexOf('@');
    if (at > 0) {
      r = r.substring(0, at);
    }
    int colon = r.lastIndexOf(':');
    return colon > r.lastIndexOf('/') && colon > 0 ? r.substring(0, colon) : r;
  }

  private static Finding with(Finding f, String resource, Location location, String key) {
    return new Finding(f.ruleId(), f.title(), f.severity(), resource, f.message(), location, f.fix(), key,
        f.details(), f.suppression());
  }
}
