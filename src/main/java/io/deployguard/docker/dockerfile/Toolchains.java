package io.deployguard.docker.dockerfile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises build toolchains among the commands of a stage: compilers and build tools, builds
 * of JavaScript after a dependency install, Python build front ends and development requirements,
 * and system packages that are build dependencies (unless the same {@code RUN} removes them
 * again, the classic single-stage trick that leaves no toolchain behind).
 */
final class Toolchains {
  private Toolchains() {}

  /** A command that runs or installs a build toolchain. */
  record Use(ShellCommand command, String tool, Instruction run) {}

  private static final Map<String, String> ALWAYS = Map.ofEntries(
      Map.entry("mvn", "Maven"), Map.entry("mvnw", "Maven"), Map.entry("gradle", "Gradle"),
      Map.entry("gradlew", "Gradle"), Map.entry("javac", "the JDK compiler"), Map.entry("sbt", "sbt"),
      Map.entry("ant", "Ant"), Map.entry("lein", "Leiningen"), Map.entry("bazel", "Bazel"),
      Map.entry("bazelisk", "Bazel"), Map.entry("gcc", "a C compiler"), Map.entry("g++", "a C++ compiler"),
      Map.entry("cc", "a C compiler"), Map.entry("c++", "a C++ compiler"), Map.entry("clang", "a C compiler"),
      Map.entry("clang++", "a C++ compiler"), Map.entry("make", "make"), Map.entry("gmake", "make"),
      Map.entry("cmake", "CMake"), Map.entry("ninja", "Ninja"), Map.entry("configure", "autotools"),
      Map.entry("autoreconf", "autotools"), Map.entry("rustc", "the Rust compiler"), Map.entry("msbuild", "MSBuild"),
      Map.entry("pyproject-build", "the Python build front end"), Map.entry("tsc", "the TypeScript compiler"));

  private static final Map<String, Set<String>> SUBCOMMANDS = Map.of(
      "go", Set.of("build", "install", "test", "generate", "mod", "get", "vet", "run"),
      "cargo", Set.of("build", "b", "install", "test", "t", "run", "r", "fetch"),
      "dotnet", Set.of("publish", "build", "restore", "pack", "test", "msbuild"),
      "pip", Set.of("wheel"));

  private static final Map<String, String> SUBCOMMAND_TOOLS = Map.of(
      "go", "the Go toolchain", "cargo", "Cargo", "dotnet", "the .NET SDK", "pip", "pip");

  private static final Pattern BUILD_PACKAGE = Pattern.compile(
      "build-essential|build-base|gcc|g\\+\\+|gcc-c\\+\\+|clang|make|cmake|autoconf|automake|libtool|musl-dev"
      + "|linux-headers|python3?-dev(el)?|maven|gradle|golang(-go)?|go|rust|rustc|cargo|default-jdk(-headless)?"
      + "|openjdk-?[0-9]+(-jdk(-headless)?)?|java-[0-9.]+-openjdk-devel|@?development-tools");
  private static final Pattern DEV_REQUIREMENTS = Pattern.compile("(?i).*(dev|build|test).*");
  private static final Set<String> PYTHON_BUILD_PACKAGES = Set.of("build", "cython", "maturin", "setuptools-rust",
      "scikit-build", "scikit-build-core", "pybind11", "nuitka", "pyinstaller");
  private static final Set<String> JS_INSTALL = Set.of("install", "i", "ci", "add");
  private static final Pattern JS_BUILD_SCRIPT = Pattern.compile("build([:-].*)?|compile|dist|bundle");
  private static final Set<String> JS_BUILD_TOOLS = Set.of("tsc", "webpack", "vite", "next", "ng", "nest", "rollup",
      "esbuild", "parcel");

  /** The toolchain uses among {@code runs} (a stage lineage's {@code RUN}s, in build order). */
  static List<Use> uses(List<Instruction> runs, Set<String> extraCommands) {
    List<Use> out = new ArrayList<>();
    boolean jsInstalled = false;
    for (Instruction run : runs) {
      List<ShellCommand> cmds = ShellReader.commands(run);
      Set<String> removed = removedPackages(cmds);
      for (ShellCommand c : cmds) {
        String name = PackageCaches.manager(c);
        String sub = c.subcommand();
        if (extraCommands.contains(name) || extraCommands.contains(c.program())) {
          out.add(new Use(c, name, run));
        } else if (ALWAYS.containsKey(name)) {
          out.add(new Use(c, ALWAYS.get(name), run));
        } else if (SUBCOMMANDS.getOrDefault(name, Set.of()).contains(sub)) {
          out.add(new Use(c, SUBCOMMAND_TOOLS.get(name), run));
        } else if (name.startsWith("python") && c.args().size() >= 2 && c.args().get(0).equals("setup.py")) {
          out.add(new Use(c, "setuptools", run));
        } else if (name.equals("pip") && sub.equals("install") && buildRequirements(c)) {
          out.add(new Use(c, "Python build dependencies", run));
        } else if (isJsInstall(c)) {
          jsInstalled = true;
        } else if (jsInstalled && isJsBuild(c)) {
          out.add(new Use(c, "a JavaScript build after a dependency install", run));
        } else {
          for (String pkg : installedPackages(c)) {
            if (BUILD_PACKAGE.matcher(pkg.toLowerCase(Locale.ROOT)).matches() && !removed.contains(pkg)
                && !removed.contains(virtualName(c))) {
              out.add(new Use(c, "build package " + pkg, run));
              break;
            }
          }
        }
      }
    }
    return out;
  }

  private static boolean buildRequirements(ShellCommand pip) {
    List<String> a = pip.args();
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      if ((arg.equals("-r") || arg.equals("--requirement")) && i + 1 < a.size()
          && DEV_REQUIREMENTS.matcher(a.get(i + 1)).matches()) {
        return true;
      }
      if (arg.startsWith("--requirement=") && DEV_REQUIREMENTS.matcher(arg).matches()) {
        return true;
      }
      String pkg = arg.split("[=<>~!\\[;]", 2)[0].toLowerCase(Locale.ROOT);
      if (!arg.startsWith("-") && PYTHON_BUILD_PACKAGES.contains(pkg)) {
        return true;
      }
    }
    return false;
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
        return JS_BUILD_SCRIPT.matcher(ops.get(1)).matches();
      }
      return !name.equals("npm") && !ops.isEmpty() && JS_BUILD_SCRIPT.matcher(ops.get(0)).matches();
    }
    return false;
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
        pkgs.add(arg.split("[=~<>]", 2)[0]);
      }
    }
    return pkgs;
  }

  private static String virtualName(ShellCommand c) {
    List<String> a = c.args();
    for (int i = 0; i + 1 < a.size(); i++) {
      if (a.get(i).equals("--virtual") || a.get(i).equals("-t")) {
        return a.get(i + 1);
      }
    }
    return "";
  }

  private static Set<String> removedPackages(List<ShellCommand> cmds) {
    Set<String> removed = new HashSet<>();
    for (ShellCommand c : cmds) {
      Set<String> verbs = switch (c.name()) {
        case "apt-get", "apt" -> Set.of("purge", "remove", "autoremove");
        case "apk" -> Set.of("del");
        case "yum", "dnf", "microdnf" -> Set.of("remove", "erase", "autoremove");
        default -> Set.of();
      };
      if (!verbs.isEmpty() && verbs.contains(c.subcommand())) {
        c.args().stream().filter(x -> !x.startsWith("-")).forEach(removed::add);
      }
    }
    return removed;
  }
}
