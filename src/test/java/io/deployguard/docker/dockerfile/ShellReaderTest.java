package io.deployguard.docker.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellReaderTest {

  private static List<ShellCommand> run(String dockerfileBody) {
    Dockerfile d = DockerfileParser.parse("Dockerfile", "FROM debian:12\n" + dockerfileBody, Map.of());
    return d.finalStage().all("RUN").stream().flatMap(r -> ShellReader.commands(r).stream()).toList();
  }

  private static List<String> names(List<ShellCommand> cmds) {
    return cmds.stream().map(ShellCommand::name).toList();
  }

  @Test
  void listsSplitOnEveryOperator_andRedirectionsAreNotArguments() {
    List<ShellCommand> cmds = run("RUN set -eux; apt-get update && apt-get install -y curl || true | tee log 2>&1 & wait\n");
    assertThat(names(cmds)).containsExactly("set", "apt-get", "apt-get", "true", "tee", "wait");
    assertThat(cmds.get(4).args()).containsExactly("log");
  }

  @Test
  void commandsInAContinuationKeepTheirOwnLines() {
    List<ShellCommand> cmds = run("""
        RUN apt-get update \\
         && apt-get install -y build-essential \\
         # a comment line BuildKit drops
         && make -j4
        """);
    assertThat(cmds).extracting(ShellCommand::line).containsExactly(2, 3, 5);
  }

  @Test
  void quotesAndEscapesAreRemoved_andCommentsEndTheCommand() {
    List<ShellCommand> cmds = run("RUN echo \"a b\" 'c d' e\\ f # not: rm -rf /\n");
    assertThat(cmds).singleElement().satisfies(c -> assertThat(c.args()).containsExactly("a b", "c d", "e f"));
  }

  @Test
  void shellDashCScriptsAreReadWithTheirLines() {
    List<ShellCommand> cmds = run("""
        RUN bash -euo pipefail -c 'cd /src \\
            && mvn -B package'
        RUN ["/bin/sh", "-c", "gradle build && rm -rf ~/.gradle"]
        """);
    assertThat(names(cmds)).containsExactly("cd", "mvn", "gradle", "rm");
    assertThat(cmds.get(1).line()).isEqualTo(3);
    assertThat(cmds.get(2).line()).isEqualTo(4);
  }

  @Test
  void wrappersAndAssignmentsAreLookedThrough() {
    List<ShellCommand> cmds = run("RUN sudo -u builder env -i CGO_ENABLED=0 nice -n 5 go build ./... "
        + "&& PIP_NO_CACHE_DIR=1 python3 -m pip install flask && timeout 60 ./mvnw -q verify\n");
    assertThat(cmds.get(0).name()).isEqualTo("go");
    assertThat(cmds.get(0).assignments()).containsEntry("CGO_ENABLED", "0");
    assertThat(cmds.get(1).program()).isEqualTo("pip");
    assertThat(cmds.get(1).args()).containsExactly("install", "flask");
    assertThat(cmds.get(1).assignments()).containsEntry("PIP_NO_CACHE_DIR", "1");
    assertThat(cmds.get(2).program()).isEqualTo("./mvnw");
    assertThat(cmds.get(2).name()).isEqualTo("mvnw");
  }

  @Test
  void compoundCommandsYieldTheCommandsInside() {
    List<ShellCommand> cmds = run("RUN if [ -f pom.xml ]; then mvn package; else gradle build; fi; "
        + "for f in a b; do make $f; done; ( cd web && npm ci )\n");
    assertThat(names(cmds)).containsExactly("[", "mvn", "gradle", "make", "cd", "npm");
  }

  @Test
  void heredocScriptOfRunIsRead_withItsLines() {
    List<ShellCommand> cmds = run("""
        RUN <<EOF
        set -e
        apt-get update
        apt-get install -y gcc
        EOF
        """);
    assertThat(names(cmds)).containsExactly("set", "apt-get", "apt-get");
    assertThat(cmds.get(2).line()).isEqualTo(5);
  }

  @Test
  void heredocFedToAShellIsRead_butOneFedToPythonOrCatIsData() {
    List<ShellCommand> cmds = run("""
        RUN bash <<'EOS'
        cargo build --release
        EOS
        RUN python3 <<EOF
        make = "not a command"
        EOF
        RUN cat <<EOF > /etc/motd
        gcc is not run here
        EOF
        RUN <<EOF
        #!/usr/bin/env python3
        print("make")
        EOF
        """);
    assertThat(names(cmds)).containsExactly("cargo", "python3", "cat");
  }

  @Test
  void inlineHeredocInsideAScriptIsData() {
    List<ShellCommand> cmds = run("""
        RUN <<EOF
        cat > /app/run.sh <<'END'
        mvn spring-boot:run
        END
        chmod +x /app/run.sh
        EOF
        """);
    assertThat(names(cmds)).containsExactly("cat", "chmod");
  }

  @Test
  void commandSubstitutionIsKeptAsText() {
    List<ShellCommand> cmds = run("RUN echo \"$(make --version)\" && curl -o x `which gcc`\n");
    assertThat(names(cmds)).containsExactly("echo", "curl");
  }

  @Test
  void emptyQuotedWordsKeepALine() {
    List<ShellCommand> cmds = run("RUN \"\" && '' x && sh -c ''\n");
    assertThat(cmds).extracting(ShellCommand::line).containsOnly(2);
  }

  @Test
  void caseBranchesAreCommandsAndTheirPatternsAreNot() {
    List<ShellCommand> cmds = run("""
        RUN case "$arch" in \\
              make|gcc) echo one ;; \\
              'i386') apk add gcc; make ;; \\
              *) cmake . ;; \\
            esac; ls
        """);
    assertThat(names(cmds)).containsExactly("echo", "apk", "make", "cmake", "ls");
    assertThat(cmds.get(2).line()).isEqualTo(4);
    assertThat(names(run("RUN case \"$a\" in amd64) make ;; *) gcc x.c ;; esac\n"))).containsExactly("make", "gcc");
  }

  @Test
  void suRunuserEvalGosuXargsAndFindExecAreReadThrough() {
    List<ShellCommand> cmds = run("""
        RUN su nobody -s /bin/sh -c "cd /src && make" \\
            && runuser -u app -- true \\
            && eval "gcc -o x x.c" \\
            && gosu app cmake . \\
            && find . -name '*.so' -exec strip '{}' ';' \\
            && ls | xargs -r -n 1 ninja -C
        """);
    assertThat(names(cmds)).containsExactly("cd", "make", "runuser", "gcc", "cmake", "strip", "find", "ls", "ninja",
        "xargs");
    assertThat(cmds).filteredOn(c -> c.name().equals("make")).singleElement()
        .satisfies(c -> assertThat(c.line()).isEqualTo(2));
  }

  @Test
  void assignmentsAloneAreCommandsWithAnEmptyProgram() {
    List<ShellCommand> cmds = run("RUN deps='gcc make'; apk add $deps\n");
    assertThat(cmds.get(0).program()).isEmpty();
    assertThat(cmds.get(0).assignments()).containsEntry("deps", "gcc make");
    assertThat(cmds.get(1).args()).containsExactly("add", "$deps");
  }
}
