package io.deployguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link QuickLine} reads a command line as picocli does, or leaves it to picocli. Every option of
 * picocli's model of each command is given in each of its spellings, and the fields the two
 * readings leave are compared; lines it must leave to picocli give {@code null}.
 */
class QuickLineTest {

  private static final String OPERAND = "in/put.json";

  @ParameterizedTest
  @ValueSource(strings = {"plan", "dockerfile", "image"})
  void everyOptionInEverySpelling_readsAsPicocliReadsIt(String command) {
    List<OptionSpec> options = new CommandLine(DeployguardCommand.COMMANDS.get(command)).getCommandSpec().options();
    assertThat(options).hasSizeGreaterThan(10);
    for (OptionSpec o : options) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      for (String name : o.names()) {
        if (o.arity().max() == 0) {
          assertSame(command, name, OPERAND);
          assertSame(command, OPERAND, name, "second");
          continue;
        }
        String value = sample(o);
        assertSame(command, name, value, OPERAND);
        assertSame(command, OPERAND, name, value, "second");
        if (name.startsWith("--")) {
          assertSame(command, name + "=" + value, OPERAND);
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"plan", "dockerfile", "image"})
  void onlyOperands_leaveEveryDefaultAsPicocliDoes(String command) {
    assertSame(command, OPERAND);
    assertSame(command, OPERAND, "-", "third one");
  }

  @Test
  void repeatableOptions_keepEveryValueInOrder() {
    assertSame("plan", "--rule", "SG001", "-o", "json=a.json", "--rule", "SG002", "--output=sarif=b.sarif",
        "--skip-rule", "LOG001=not ours", OPERAND, "--skip-rule", "SG003=later");
  }

  @Test
  void everythingAtOnce_readsAsPicocliReadsIt() {
    assertSame("plan", "-c", "conf/deployguard.yml", "--format=json", "--fail-on", "critical", "--soft-fail",
        "--baseline", "base.json", "--write-baseline", "new.json", "--no-color", "--source-root", ".",
        "--terraform", "/usr/bin/terraform", "--log-ingestion-estimate", "1e2", "a.json", "b.json");
    assertSame("image", "--docker-host", "unix:///run/podman/podman.sock", "--progress", "never", "-f", "sarif",
        "docker-archive:image.tar", "oci:dir:tag");
    assertSame("dockerfile", "--context", "ctx", "--target", "runtime", "Dockerfile", "other/Dockerfile");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "plan", // no operand: picocli's message
      "plan --help", "plan -h", "plan --version", "plan -V",
      "plan -fjson x.json", "plan -f=json x.json", // attached short values
      "plan --soft-fail=true x.json", "plan --soft-fail --soft-fail x.json",
      "plan -c a.yml --config b.yml x.json", // a single option twice
      "plan --config x.json", // no value
      "plan --config --format x.json", "plan --fail-on -x x.json", "plan --format= x.json",
      "plan -- x.json", "plan @args.txt", "plan --format @f x.json", "plan -x x.json", "plan --unknown x.json",
      "plan --log-ingestion-estimate lots x.json", // does not convert
      "plan --context ctx x.json", // another command's option
      "dockerfile --terraform t Dockerfile", "image --target t img", "predeploy --plan x.json", "rules"})
  void linesPicocliMustRead_areLeftToIt(String line) {
    String[] words = line.split(" ");
    assertThat(QuickLine.parse(words[0], rest(words))).as(line).isNull();
  }

  /**
   * The same run read by each: {@code -f FORMAT} is read here, {@code -fFORMAT} (the same to
   * picocli) is left to picocli. Findings, an input error, a configuration error and an internal
   * error of the command each end the same way.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "plan|examples/plans/open-security-group.json",
      "plan|--soft-fail|examples/plans/open-security-group.json|missing.json",
      "plan|--fail-on|bogus|examples/plans/open-security-group.json",
      "plan|--log-ingestion-estimate|1e99|examples/plans/open-security-group.json",
      "dockerfile|examples/dockerfiles",
      "image|--docker-host|tcp://127.0.0.1:9|busybox:latest",
      "image|--progress|sometimes|docker-archive:missing.tar"})
  void aRunReadHere_endsAsWhenPicocliReadsIt(String line) {
    for (String format : List.of("text", "json")) {
      List<String> words = new ArrayList<>(List.of(line.split("\\|")));
      List<String> quick = new ArrayList<>(words);
      quick.addAll(1, List.of("-f", format));
      List<String> picocli = new ArrayList<>(words);
      picocli.add(1, "-f" + format);
      assertThat(QuickLine.parse(words.get(0), quick.subList(1, quick.size()).toArray(String[]::new)))
          .as(line).isNotNull();
      PlanCommandTest.Run a = PlanCommandTest.run(quick.toArray(String[]::new));
      PlanCommandTest.Run b = PlanCommandTest.run(picocli.toArray(String[]::new));
      assertThat(a.exit()).as(line + " " + a.err()).isEqualTo(b.exit());
      assertThat(a.err()).as(line).isEqualTo(b.err());
      assertThat(a.out().replaceAll("\"(durationMs|elapsed|generated|time)[^,}]*", ""))
          .as(line).isEqualTo(b.out().replaceAll("\"(durationMs|elapsed|generated|time)[^,}]*", ""));
    }
  }

  @Test
  void aPathPicocliCannotConvert_isLeftToIt() {
    assertThat(QuickLine.parse("plan", new String[] {"a\0b.json"})).isNull();
    assertThat(QuickLine.parse("plan", new String[] {"", "x.json"})).isNull();
  }

  @Test
  void subcommandNames_areThoseOfTheirAnnotations() {
    DeployguardCommand.COMMANDS.forEach((name, cls) ->
        assertThat(cls.getAnnotation(CommandLine.Command.class).name()).isEqualTo(name));
  }

  private static String[] rest(String[] words) {
    String[] r = new String[words.length - 1];
    System.arraycopy(words, 1, r, 0, r.length);
    return r;
  }

  /** A value picocli converts for {@code o}'s type. */
  private static String sample(OptionSpec o) {
    if (o.type() == Double.class || o.type() == double.class) {
      return "2.5";
    }
    return o.longestName().equals("--skip-rule") ? "SG001=reason" : "some/value";
  }

  private static void assertSame(String command, String... args) {
    ScanCommand quick = QuickLine.parse(command, args);
    assertThat(quick).as("QuickLine reads %s %s", command, String.join(" ", args)).isNotNull();
    CommandLine picocli = new CommandLine(DeployguardCommand.COMMANDS.get(command));
    picocli.parseArgs(args);
    ScanCommand read = picocli.getCommand();
    assertThat(state(quick)).as("%s %s", command, String.join(" ", args)).isEqualTo(state(read));
    assertThat(quick.formatGiven).isEqualTo(picocli.getParseResult().hasMatchedOption("--format"));
  }

  /** Every option and operand field of {@code command} and its mixins, by name. */
  private static Map<String, Object> state(Object command) {
    Map<String, Object> out = new LinkedHashMap<>();
    collect(command, "", out);
    return out;
  }

  private static void collect(Object o, String prefix, Map<String, Object> out) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> c = o.getClass(); c != Object.class; c = c.getSuperclass()) {
      fields.addAll(List.of(c.getDeclaredFields()));
    }
    for (Field f : fields) {
      f.setAccessible(true);
      Object v;
      try {
        v = f.get(o);
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
      if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
        assertThat(v).as(prefix + f.getName()).isNotNull();
        collect(v, prefix + f.getName() + ".", out);
      } else if (f.isAnnotationPresent(CommandLine.Option.class) || f.isAnnotationPresent(CommandLine.Parameters.class)) {
        out.put(prefix + f.getName(), v);
      }
    }
  }
}
