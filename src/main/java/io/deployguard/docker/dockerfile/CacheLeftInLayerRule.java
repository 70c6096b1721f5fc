package io.deployguard.docker.dockerfile;

import io.deployguard.docker.DockerfileSettings;
import io.deployguard.policy.Finding;
import io.deployguard.policy.Location;
import io.deployguard.policy.Rule;
import io.deployguard.policy.RuleMetadata;
import io.deployguard.policy.Severity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DF003: a {@code RUN} leaves a package-manager cache in a layer that ships. Only stages whose
 * layers reach the image are looked at: the final stage, the stages it is built {@code FROM},
 * and stages it copies from with {@code COPY --from} when a copied path covers the cache (copying
 * {@code /app/app.jar} out of a builder carries no apt lists). Caches in throwaway build stages
 * cost nothing in the image and are not reported.
 */
public final class CacheLeftInLayerRule extends Rule.Base<BuildInput, DockerfileSettings> {

  public CacheLeftInLayerRule() {
    super(METADATA);
  }

  public static final RuleMetadata METADATA = new RuleMetadata(
      "DF003",
      "Package cache left in a shipped layer",
      Severity.MEDIUM,
      "dockerfile",
      "Package indexes and downloaded packages stay in the layer that wrote them even if a later RUN deletes "
          + "them: tens to hundreds of megabytes per image that no container ever reads.",
      "Clean the cache in the same RUN that fills it (rm -rf /var/lib/apt/lists/*, apk add --no-cache, "
          + "pip install --no-cache-dir, npm cache clean --force), or use RUN --mount=type=cache.");

  /** Why a stage's layers reach the image, and which of its paths do. */
  private record Shipped(List<String> paths, String why) {}

  @Override
  public List<Finding> check(BuildInput input, DockerfileSettings settings) {
    Dockerfile d = input.dockerfile();
    Map<Integer, Shipped> shipped = shipped(d, input.finalStage());
    List<Finding> out = new ArrayList<>();
    // One walk per stage that no other shipped stage builds FROM covers every shipped stage once.
    Set<Integer> done = new HashSet<>();
    List<Integer> tips = new ArrayList<>(shipped.keySet());
    tips.sort(java.util.Comparator.reverseOrder());
    for (Integer tip : tips) {
      if (done.contains(tip)) {
        continue;
      }
      Set<Integer> before = Set.copyOf(done);
      d.lineage(d.stages().get(tip)).forEach(s -> done.add(s.index()));
      Lineages.walk(d, d.stages().get(tip), settings.buildArgs(), (stage, run, state) -> {
        Shipped why = shipped.get(stage.index());
        if (why == null || before.contains(stage.index()) || !run.is("RUN")) {
          return;
        }
        for (PackageCaches.Left left : PackageCaches.left(run, state.env(), state.home(), state.workdir())) {
          if (why.paths().stream().noneMatch(p -> PackageCaches.covers(p, left.path()))) {
            continue;
          }
          ShellCommand c = left.command();
          out.add(finding()
              .resource(input.resource(stage))
              .message("'" + c.display() + "' at line " + c.line() + " leaves " + left.path() + " in a layer of "
                  + BuildInput.describe(stage) + ", " + why.why())
              .location(Location.at(d.path(), c.line()))
              .fix(left.fix() + ".")
              .key(left.manager() + " " + left.path() + " line " + run.line())
              .detail("cache", left.path())
              .detail("manager", left.manager())
              .build());
        }
      });
    }
    return out;
  }

  private static Map<Integer, Shipped> shipped(Dockerfile d, Stage fin) {
    Map<Integer, Shipped> shipped = new LinkedHashMap<>();
    Deque<Stage> work = new ArrayDeque<>();
    for (Stage s : d.lineage(fin)) {
      shipped.put(s.index(), new Shipped(List.of("/"), s == fin ? "the final stage"
          : "which the final " + BuildInput.describe(fin) + " is built FROM"));
      work.add(s);
    }
    while (!work.isEmpty()) {
      Stage s = work.poll();
      for (Instruction copy : s.all("COPY")) {
        String from = copy.flag("from").orElse(null);
        if (from == null) {
          continue;
        }
        Stage source = d.stageNamed(from, s).orElse(null);
        if (source == null) {
          continue;
        }
        List<String> paths = sources(copy);
        String why = "and " + BuildInput.describe(s) + " copies " + String.join(" ", paths) + " from it (line "
            + copy.line() + ")";
        for (Stage l : d.lineage(source)) {
          Shipped before = shipped.get(l.index());
          if (before == null) {
            shipped.put(l.index(), new Shipped(paths, why));
            work.add(l);
          } else if (!before.paths().containsAll(paths)) {
            List<String> merged = new ArrayList<>(before.paths());
            merged.addAll(paths);
            shipped.put(l.index(), new Shipped(merged, before.why()));
          }
        }
      }
    }
    return shipped;
  }

  /** The source paths of a {@code COPY}, absolute, cut before any glob. */
  private static List<String> sources(Instruction copy) {
    List<String> words = copy.words();
    List<String> out = new ArrayList<>();
    for (String w : words.subList(0, words.size() - 1)) {
      int glob = indexOfGlob(w);
      String p = glob < 0 ? w : w.substring(0, Math.max(0, w.lastIndexOf('/', glob)));
      out.add(PackageCaches.normalize(p.isEmpty() ? "/" : p, "/root"));
    }
    return out;
  }

  private static int indexOfGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[".indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
