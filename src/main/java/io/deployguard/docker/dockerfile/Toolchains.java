package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds build toolchains that run in a stage lineage and stay in its layers. It recognises
 * compilers and build tools, builds of JavaScript after a dependency install, and Python build
 * front ends and development requirements; then it models what each {@code RUN} leaves behind: the
 * packages it installs ({@code apt-get install}, {@code apk add [--virtual]}, {@code dnf install},
 * {@code apt-get build-dep}, {@code mk-build-deps}) and removes again ({@code apk del} of the
 * packages or their virtual name, {@code apt-get purge/remove}, {@code apt-mark auto} followed by
 * {@code purge --auto-remove}, {@code dnf remove}), and the directories it removes
 * ({@code rm -rf} of a downloaded SDK it put on the {@code PATH}). A toolchain installed and
 * removed within one {@code RUN} never reaches a layer, whatever ran in between; one that comes
 * from the base image, from an earlier {@code RUN}, or that the removal misses, stays.
 */
final class Toolchains {
  private Toolchains() {}

  /**
   * A toolchain that runs and stays in the image.
   *
   * @param command the command that runs it
   * @param tool what it is, for messages ({@code make}, {@code the Go toolchain})
   * @param run the {@code RUN} it is in
   * @param stays what stays in the layers and where it comes from, as a clause for messages
   * @param unsure whether the rule could not tell if the same {@code RUN} removes it
   */
  record Use(ShellCommand command, String tool, Instruction run, String stays, boolean unsure) {}

  /**
   * A command-line tool: how messages call it, the kind of package that provides it (or null),
   * what of it stays in a layer, and where that comes from when no package provides it (null: the
   * base image).
   */
  private record Tool(String description, String provider, String leftover, String origin) {
    Tool(String description, String provider) {
      this(description, provider, description, null);
    }

    Tool(String description, String provider, String leftover) {
      this(description, provider, leftover, null);
    }
  }

  private static final Map<String, Tool> ALWAYS = Map.ofEntries(
      Map.entry("mvn", new Tool("Maven", "maven")), Map.entry("mvnw", new Tool("Maven", "jdk")),
      Map.entry("gradle", new Tool("Gradle", "gradle")), Map.entry("gradlew", new Tool("Gradle", "jdk")),
      Map.entry("javac", new Tool("the JDK compiler", "jdk")), Map.entry("sbt", new Tool("sbt", null)),
      Map.entry("ant", new Tool("Ant", "ant")), Map.entry("lein", new Tool("Leiningen", null)),
      Map.entry("bazel", new Tool("Bazel", null)), Map.entry("bazelisk", new Tool("Bazel", null)),
      Map.entry("gcc", new Tool("a C compiler", "cc", "the C compiler")),
      Map.entry("g++", new Tool("a C++ compiler", "c++", "the C++ compiler")),
      Map.entry("cc", new Tool("a C compiler", "cc", "the C compiler")),
      Map.entry("c++", new Tool("a C++ compiler", "c++", "the C++ compiler")),
      Map.entry("clang", new Tool("a C compiler", "cc", "the C compiler")),
      Map.entry("clang++", new Tool("a C++ compiler", "c++", "the C++ compiler")),
      Map.entry("make", new Tool("make", "make")), Map.entry("gmake", new Tool("make", "make")),
      Map.entry("cmake", new Tool("CMake", "cmake")), Map.entry("ninja", new Tool("Ninja", "ninja")),
      Map.entry("configure", new Tool("autotools and a C compiler", "cc", "the C compiler")),
      Map.entry("autoreconf", new Tool("autotools", "autotools")),
      Map.entry("rustc", new Tool("the Rust compiler", "rust")), Map.entry("msbuild", new Tool("MSBuild", "dotnet")),
      Map.entry("pyproject-build", new Tool("the Python build front end", null)),
      Map.entry("tsc", new Tool("the TypeScript compiler", null, "the TypeScript compiler",
          "it comes with the base image or the dependency install before it")));

  // Dependency downloads (go mod download, cargo fetch, dotnet restore) build nothing: like npm ci, they are not counted.
  private static final Map<String, Set<String>> SUBCOMMANDS = Map.of(
      "go", Set.of("build", "install", "test", "generate", "get", "vet", "run"),
      "cargo", Set.of("build", "b", "install", "test", "t", "run", "r"),
      "dotnet", Set.of("publish", "build", "pack", "test", "msbuild"),
      "pip", Set.of("wheel"));

  private static final Map<String, Tool> SUBCOMMAND_TOOLS = Map.of(
      "go", new Tool("the Go toolchain", "go"), "cargo", new Tool("Cargo", "rust"),
      "dotnet", new Tool("the .NET SDK", "dotnet"), "pip", new Tool("pip", null));

  private static final Set<String> PYTHON_BUILD_PACKAGES = Set.of("build", "cython", "maturin", "setuptools-rust",
      "scikit-build", "scikit-build-core", "pybind11", "nuitka", "pyinstaller");
  private static final Set<String> JS_INSTALL = Set.of("install", "i", "ci", "add");
  private static final Set<String> JS_BUILD_TOOLS = Set.of("tsc", "webpack", "vite", "next", "ng", "nest", "rollup",
      "esbuild", "parcel");
  /** Installers that compile native extensions with the C compiler when one is there. */
  private static final Set<String> NATIVE_INSTALLERS = Set.of("pip", "gem", "bundle");

  /** A package in a layer: its name, and the command and {@code RUN} that installed it. */
  private record Installed(String name, ShellCommand command, Instruction run) {}

  /** A toolchain command of a {@code RUN}, before the rest of the {@code RUN} is known. */
  private record Candidate(ShellCommand command, Tool tool, List<String> pathAdded, boolean onlyWithCompiler) {}

  /**
   * The toolchain uses of the lineage of {@code fin} that stay in its image.
   *
   * @param extraCommands configured command names that count as toolchains
   * @param sdkImages configured patterns of build images ({@code dockerfile.sdk_images})
   */
  static List<Use> uses(Dockerfile d, Stage fin, Set<String> extraCommands, Map<String, String> buildArgs,
      List<String> sdkImages) {
    List<Use> out = new ArrayList<>();
    Map<String, Installed> present = new LinkedHashMap<>();
    boolean[] jsInstalled = {false};
    ImageReference image = d.root(fin).image();
    String base = image != null && BaseImages.kind(image, sdkImages) != BaseImages.Kind.OTHER
        ? "it comes with the base image " + image.text() + ", a build image"
        : "no RUN of this build installs it, so it comes with the base image " + d.root(fin).baseImage() + " or a COPY";
    Variables.Budget budget = Variables.Budget.standard();
    Lineages.walk(d, fin, buildArgs, (stage, run, state) -> {
      if (run.is("RUN")) {
        new RunModel(run, state.env(), present, base, budget).read(extraCommands, jsInstalled, out);
      }
    });
    return out;
  }

  /** What one {@code RUN} installs, removes and runs; read in order, judged at its end. */
  private static final class RunModel {
    private final Instruction run;
    private final Map<String, String> vars;
    private final Map<String, Installed> present;
    private final String base;
    private final Variables.Budget budget;
    private final Map<String, Installed> here = new LinkedHashMap<>();
    private final Map<String, List<String>> virtuals = new LinkedHashMap<>();
    private final Set<String> removed = new java.util.HashSet<>();
    private final Set<String> manual = new java.util.HashSet<>();
    private final List<String> removedDirs = new ArrayList<>();
    private final List<String> pathAdded = new ArrayList<>();
    private final List<Candidate> candidates = new ArrayList<>();
    private boolean autoAll;
    private ShellCommand unresolvedRemoval;

    RunModel(Instruction run, Map<String, String> env, Map<String, Installed> present, String base,
        Variables.Budget budget) {
      this.run = run;
      this.budget = budget;
      this.vars = new LinkedHashMap<>(env);
      vars.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
      this.present = present;
      this.base = base;
    }

    void read(Set<String> extraCommands, boolean[] jsInstalled, List<Use> out) {
      for (ShellCommand c : ShellReader.commands(run)) {
        if (c.program().isEmpty()) {
          c.assignments().forEach((k, v) -> vars.put(k, expandText(v)));
          continue;
        }
        String name = PackageCaches.manager(c);
        String sub = c.subcommand();
        if (name.equals("export")) {
          export(c);
        } else if (name.equals("rm") && c.args().stream().anyMatch(Toolchains::recursive)) {
          c.args().stream().filter(a -> !a.startsWith("-")).map(this::expandText)
              .forEach(a -> removedDirs.add(PackageCaches.normalize(a, "/root")));
        } else if (name.equals("apt-mark")) {
          mark(c);
        }
        install(c);
        remove(c);
        Tool tool = toolOf(c, name, sub, extraCommands, jsInstalled);
        if (tool != null) {
          candidates.add(new Candidate(c, tool, List.copyOf(pathAdded), false));
        } else if (NATIVE_INSTALLERS.contains(name) && sub.equals("install")) {
          candidates.add(new Candidate(c, new Tool("native extensions compiled with a C compiler", "cc", "the C compiler"),
              List.copyOf(pathAdded), true));
        }
      }
      for (Candidate cand : candidates) {
        Use use = judge(cand);
        if (use != null) {
          out.add(use);
        }
      }
      for (Map.Entry<String, Installed> e : here.entrySet()) {
        if (!removed.contains(e.getKey())) {
          present.putIfAbsent(e.getKey(), e.getValue());
        }
      }
    }

    private Use judge(Candidate cand) {
      ShellCommand c = cand.command();
      String provider = cand.tool().provider();
      String what = cand.tool().leftover();
      if (provider != null) {
        // An installer compiles with the compiler this RUN installs for it; one from earlier is no evidence.
        for (Installed p : cand.onlyWithCompiler() ? List.<Installed>of() : present.values()) {
          if (provides(p.name(), provider)) {
            return new Use(c, cand.tool().description(), run, what + " stays in the image: package " + p.name() + ", installed by the RUN at line "
                + p.run().line(), false);
          }
        }
        List<Installed> mine = here.values().stream().filter(p -> provides(p.name(), provider)).toList();
        for (Installed p : mine) {
          if (!removed.contains(p.name())) {
            return new Use(c, cand.tool().description(), run, what + " stays in the image: package " + p.name() + ", which this RUN installs at line "
                + p.command().line() + " and does not remove", false);
          }
        }
        if (!mine.isEmpty() || cand.onlyWithCompiler()) {
          return null;
        }
      }
      String program = expandText(c.program());
      if (program.startsWith("/") && covered(program.substring(0, program.lastIndexOf('/') + 1))) {
        return null;
      }
      if (cand.pathAdded().stream().anyMatch(this::covered)) {
        return null;
      }
      Installed hidden = here.values().stream().filter(p -> p.name().contains("$") && removed.contains(p.name()))
          .findFirst().orElse(null);
      if (hidden != null && unresolvedRemoval == null) {
        return new Use(c, cand.tool().description(), run, what + " probably stays in the image: " + base + ", unless it is "
            + "among the packages '" + hidden.name() + "' that this RUN installs at line " + hidden.command().line()
            + " and removes (deployguard cannot tell)", true);
      }
      if (unresolvedRemoval != null) {
        return new Use(c, cand.tool().description(), run, what + " probably stays in the image: " + base + ", unless '" + unresolvedRemoval.display() + "' at line " + unresolvedRemoval.line()
            + " removes it (deployguard cannot tell)", true);
      }
      String origin = cand.tool().origin() != null ? cand.tool().origin() : base;
      return new Use(c, cand.tool().description(), run, what + " stays in the image: " + origin, false);
    }

    private boolean covered(String path) {
      String p = PackageCaches.normalize(path, "/root");
      return removedDirs.stream().anyMatch(dir -> !dir.equals("/") && PackageCaches.covers(dir, p));
    }

    private void export(ShellCommand c) {
      for (String a : c.args()) {
        int eq = a.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = a.substring(0, eq);
        String value = expandText(a.substring(eq + 1));
        if (key.equals("PATH")) {
          String old = vars.getOrDefault("PATH", "");
          for (String dir : value.split(":")) {
            if (!dir.isEmpty() && !List.of(old.split(":")).contains(dir)) {
              pathAdded.add(dir);
            }
          }
        }
        vars.put(key, value);
      }
    }

    private void mark(ShellCommand c) {
      List<String> a = c.args().stream().filter(x -> !x.startsWith("-")).toList();
      if (a.isEmpty()) {
        return;
      }
      if (a.get(0).equals("auto")) {
        // Without names it marks what it reads: "apt-mark showmanual | xargs apt-mark auto" marks everything.
        autoAll |= a.size() == 1;
        for (String p : a.subList(1, a.size())) {
          if (p.equals(".*") || p.equals("*") || p.equals("~i") || p.contains("$(")) {
            autoAll = true;
          }
        }
      } else if (a.get(0).equals("manual")) {
        a.subList(1, a.size()).stream().filter(p -> !p.startsWith("$")).forEach(manual::add);
      }
    }

    private void install(ShellCommand c) {
      String name = c.name();
      String sub = c.subcommand();
      if ((name.equals("apt-get") || name.equals("apt")) && (sub.equals("build-dep")
          || (sub.equals("source") && (c.has("--compile") || c.has("-b") || c.has("--build"))))
          || (name.equals("mk-build-deps") && (c.has("-i") || c.has("--install")))) {
        here.putIfAbsent("build-essential", new Installed("build-essential", c, run));
        return;
      }
      String virtual = virtualName(c);
      List<String> pkgs = new ArrayList<>();
      for (String p : installedPackages(c)) {
        for (String one : expandText(p).split("[ \\t\\n]+")) {
          String pkg = packageName(one);
          if (!pkg.isEmpty()) {
            pkgs.add(pkg);
          }
        }
      }
      for (String pkg : pkgs) {
        if (!present.containsKey(pkg)) {
          here.putIfAbsent(pkg, new Installed(pkg, c, run));
          removed.remove(pkg);
        }
      }
      if (!virtual.isEmpty()) {
        virtuals.computeIfAbsent(virtual, v -> new ArrayList<>()).addAll(pkgs);
      }
    }

    private void remove(ShellCommand c) {
      String name = c.name();
      String sub = c.subcommand();
      Set<String> verbs = switch (name) {
        case "apt-get", "apt", "aptitude" -> Set.of("purge", "remove", "autoremove");
        case "apk" -> Set.of("del");
        case "yum", "dnf", "microdnf", "tdnf" -> Set.of("remove", "erase", "autoremove");
        default -> Set.of();
      };
      if (!verbs.contains(sub)) {
        return;
      }
      List<String> args = c.args().stream().filter(x -> !x.startsWith("-")).toList();
      List<String> targets = args.subList(Math.min(1, args.size()), args.size());
      for (String t : targets) {
        String expanded = expandText(t);
        if (expanded.contains("$") || (t.contains("$") && expanded.isBlank())) {
          unresolvedRemoval = c;
        }
        for (String one : expanded.split("[ \\t\\n]+")) {
          String pkg = packageName(one);
          if (virtuals.containsKey(pkg)) {
            removed.addAll(virtuals.get(pkg));
          } else if (!pkg.isEmpty()) {
            removed.add(pkg);
            if (name.equals("apk") && pkg.startsWith(".") && !here.containsKey(pkg)) {
              unresolvedRemoval = c;
            }
          }
        }
      }
      boolean auto = sub.equals("autoremove") || c.has("--auto-remove") || c.has("--autoremove");
      if (autoAll && auto && !name.equals("apk")) {
        here.keySet().stream().filter(p -> !manual.contains(p)).forEach(removed::add);
      }
    }

    private String expandText(String text) {
      if (text.indexOf('$') < 0) {
        return text;
      }
      List<String> unresolved = new ArrayList<>();
      try {
        String v = Variables.expand(text, vars, '\\', unresolved, budget);
        return unresolved.isEmpty() ? v : text;
      } catch (Variables.LimitException e) {
        // The parser bounds every value; past the budget a word is judged as written.
        return text;
      }
    }
  }

  private static boolean recursive(String rmOption) {
    return rmOption.equals("--recursive") || (rmOption.startsWith("-") && !rmOption.startsWith("--")
        && (rmOption.indexOf('r') > 0 || rmOption.indexOf('R') > 0));
  }

  private static Tool toolOf(ShellCommand c, String name, String sub, Set<String> extraCommands, boolean[] jsInstalled) {
    if (extraCommands.contains(name) || extraCommands.contains(c.program())) {
      return new Tool(name, null);
    }
    if (ALWAYS.containsKey(name)) {
      return ALWAYS.get(name);
    }
    if (SUBCOMMANDS.getOrDefault(name, Set.of()).contains(sub)) {
      return SUBCOMMAND_TOOLS.get(name);
    }
    if (name.startsWith("python") && c.args().size() >= 2 && c.args().get(0).equals("setup.py")) {
      return new Tool("setuptools", null, "the Python build toolchain");
    }
    if (name.equals("pip") && sub.equals("install") && buildRequirements(c)) {
      return new Tool("Python build dependencies", null, "the Python build toolchain", "pip installs it here");
    }
    if (isJsInstall(c)) {
      jsInstalled[0] = true;
      return null;
    }
    if (jsInstalled[0] && isJsBuild(c)) {
      return new Tool("a JavaScript build after a dependency install", null,
          "the JavaScript build toolchain (node_modules with its development dependencies)",
          "the dependency install before it put it there");
    }
    return null;
  }

  /** Whether package {@code pkg} provides tools of kind {@code kind} ({@code cc}, {@code make} ...). */
  static boolean provides(String pkg, String kind) {
    String p = pkg.toLowerCase(Locale.ROOT);
    boolean bundle = Set.of("build-essential", "build-base", "alpine-sdk", "@development-tools", "development-tools",
        "@c-development", "base-devel").contains(p);
    return switch (kind) {
      case "cc" -> bundle || p.equals("gcc") || p.matches("gcc-[0-9.]+") || (p.startsWith("gcc-") && p.contains("linux-gnu"))
          || p.startsWith("clang") || p.equals("musl-gcc") || p.equals("tcc") || provides(p, "c++");
      case "c++" -> bundle || p.equals("g++") || p.startsWith("g++-") || p.equals("gcc-c++") || p.startsWith("clang");
      case "make" -> bundle || p.equals("make") || p.equals("gmake") || p.equals("remake");
      case "cmake" -> p.equals("cmake") || p.equals("cmake3");
      case "ninja" -> p.equals("ninja") || p.equals("ninja-build") || p.equals("samurai");
      case "autotools" -> p.equals("autoconf") || p.equals("automake") || p.equals("libtool");
      case "rust" -> p.equals("rust") || p.equals("rustc") || p.equals("cargo") || p.equals("rustup");
      case "go" -> p.equals("go") || p.startsWith("golang");
      case "jdk" -> p.startsWith("default-jdk") || (p.startsWith("openjdk") && !p.contains("jre"))
          || (p.startsWith("java-") && p.endsWith("-devel")) || (p.startsWith("temurin-") && p.endsWith("-jdk"))
          || p.equals("maven") || p.equals("gradle") || p.equals("ant");
      case "maven", "gradle", "ant" -> p.equals(kind);
      case "dotnet" -> p.startsWith("dotnet-sdk");
      default -> false;
    };
  }

  /** A package name without its version, release or architecture ({@code gcc=4:12.2} is {@code gcc}). */
  private static String packageName(String arg) {
    String p = arg;
    for (int i = 0; i < p.length(); i++) {
      char ch = p.charAt(i);
      if (ch == '=' || ch == '~' || ch == '<' || ch == '>' || (ch == ':' && i > 0)) {
        return p.substring(0, i);
      }
    }
    return p;
  }

  private static boolean buildRequirements(ShellCommand pip) {
    List<String> a = pip.args();
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      if ((arg.equals("-r") || arg.equals("--requirement")) && i + 1 < a.size() && devRequirements(a.get(i + 1))) {
        return true;
      }
      if (arg.startsWith("--requirement=") && devRequirements(arg)) {
        return true;
      }
      String pkg = arg.split("[=<>~!\\[;]", 2)[0].toLowerCase(Locale.ROOT);
      if (!arg.startsWith("-") && PYTHON_BUILD_PACKAGES.contains(pkg)) {
        return true;
      }
    }
    return false;
  }

  private static boolean devRequirements(String file) {
    String f = file.toLowerCase(Locale.ROOT);
    return f.contains("dev") || f.contains("build") || f.contains("test");
  }

  private static boolean isJsInstall(ShellCommand c) {
    String name = c.name();
    String sub = c.subcommand();
    return ((name.equals("npm") || name.equals("pnpm")) && JS_INSTALL.contains(sub))
        || (name.equals("yarn") && (sub.isEmpty() || sub.equals("install")));
  }

  private static boolean isJsBuild(ShellCommand c) {
    String name = c.name();
    List<String> ops = c.args().stream().filter(a -> !a.startsWith("-")).toList();
    if (JS_BUILD_TOOLS.contains(name)) {
      return true;
    }
    if (name.equals("npx") && !ops.isEmpty()) {
      return JS_BUILD_TOOLS.contains(ops.get(0));
    }
    if (name.equals("npm") || name.equals("pnpm") || name.equals("yarn")) {
      if (ops.size() >= 2 && (ops.get(0).equals("run") || ops.get(0).equals("run-script"))) {
        return jsBuildScript(ops.get(1));
      }
      return !name.equals("npm") && !ops.isEmpty() && jsBuildScript(ops.get(0));
    }
    return false;
  }

  private static boolean jsBuildScript(String s) {
    return s.equals("build") || s.startsWith("build:") || s.startsWith("build-") || s.equals("compile")
        || s.equals("dist") || s.equals("bundle");
  }

  /** The packages an {@code apt-get install}, {@code apk add}, {@code yum}/{@code dnf install} installs. */
  static List<String> installedPackages(ShellCommand c) {
    String name = c.name();
    Set<String> verbs = switch (name) {
      case "apt-get", "apt", "aptitude" -> Set.of("install");
      case "apk" -> Set.of("add");
      case "yum", "dnf", "microdnf", "tdnf" -> Set.of("install", "groupinstall");
      default -> Set.of();
    };
    Set<String> withValue = Set.of("-o", "-t", "--target-release", "--virtual", "-X", "--repository",
        "--setopt", "--enablerepo", "--disablerepo");
    List<String> pkgs = new ArrayList<>();
    boolean afterVerb = false;
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      if (arg.startsWith("-")) {
        if (withValue.contains(arg)) {
          i++;
        }
      } else if (!afterVerb) {
        if (!verbs.contains(arg)) {
          return List.of();
        }
        afterVerb = true;
      } else {
        pkgs.add(arg);
      }
    }
    return pkgs;
  }

  private static String virtualName(ShellCommand c) {
    List<String> a = c.args();
    for (int i = 0; i + 1 < a.size(); i++) {
      if (c.name().equals("apk") && (a.get(i).equals("--virtual") || a.get(i).equals("-t"))) {
        return a.get(i + 1);
      }
      if (a.get(i).startsWith("--virtual=")) {
        return a.get(i).substring("--virtual=".length());
      }
    }
    return "";
  }
}
