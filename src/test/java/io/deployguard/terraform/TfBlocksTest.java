package io.deployguard.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfBlocksTest {

  @TempDir Path tmp;

  private static List<String> blocks(String text) {
    return TfBlocks.parse(text, "main.tf").blocks().stream()
        .map(b -> b.type() + " " + String.join(" ", b.labels()) + " " + b.startLine() + "-" + b.endLine())
        .toList();
  }

  @Test
  void braces_inCommentsStringsTemplatesAndHeredocs_doNotOpenOrCloseBlocks() throws IOException {
    assertThat(blocks(Files.readString(Path.of("src/test/resources/terraform/layout/main.tf")))).containsExactly(
        "terraform  2-4",
        "locals  6-10",
        "resource aws_security_group web 17-32",
        "module net 34-36",
        "module vpc 39-42");
  }

  @Test
  void suppressionComments_coverTheBlockTheyPrecedeOrSitIn() throws IOException {
    List<String> ignores = TfBlocks.parse(Files.readString(Path.of("src/test/resources/terraform/layout/main.tf")),
        "main.tf").ignores().stream().map(i -> i.rule() + " " + i.fromLine() + "-" + i.toLine() + " @" + i.source().line())
        .toList();
    assertThat(ignores).containsExactly("SG004 17-32 @25", "SG002 39-42 @38");
  }

  @Test
  void blocksOfEveryModuleFileInThisRepository_areFound() throws IOException {
    // A real file: the Lambda example's Terraform, with nested blocks, heredoc policies and templates.
    // terraform fmt writes every top-level block at column 0 and closes it with a '}' at column 0.
    List<String> lines = Files.readAllLines(Path.of("examples/lambda/main.tf"));
    List<Integer> starts = new java.util.ArrayList<>();
    List<Integer> ends = new java.util.ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches("[a-z_]+( \"[^\"]+\")* \\{\\s*")) {
        starts.add(i + 1);
      } else if (lines.get(i).matches("[a-z_]+( \"[^\"]+\")* \\{}\\s*")) {
        starts.add(i + 1);
        ends.add(i + 1);
      } else if (lines.get(i).equals("}")) {
        ends.add(i + 1);
      }
    }
    List<TfBlocks.Block> found = TfBlocks.parse(String.join("\n", lines), "main.tf").blocks();
    assertThat(found).extracting(TfBlocks.Block::startLine).isEqualTo(starts);
    assertThat(found).extracting(TfBlocks.Block::endLine).isEqualTo(ends);
    assertThat(found).anySatisfy(b -> assertThat(b.type() + " " + b.labels()).startsWith("resource [aws_lambda_function, "));
  }

  @Test
  void anUnclosedBlockOrString_isRejectedNamingTheLine() {
    assertThatThrownBy(() -> TfBlocks.parse("resource \"a\" \"b\" {\n  x = 1\n", "m.tf"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the block that starts on line 1 is not closed");
    assertThatThrownBy(() -> TfBlocks.parse("resource \"a\" \"b\" {\n  x = \"open\n}\n", "m.tf"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2: a quoted string is not closed on its line");
    assertThatThrownBy(() -> TfBlocks.parse("locals {\n  p = <<EOT\n  text\n}\n", "m.tf"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2: the heredoc <<EOT is not closed");
  }

  @Test
  void anAddress_isSplitIntoModulesResourceAndKeys() {
    SourceLocator.Address a = SourceLocator.Address.parse("module.net[\"eu.west\"].module.sg.aws_security_group.this[0]");
    assertThat(a.modules()).containsExactly("net", "sg");
    assertThat(a.resource()).isEqualTo("aws_security_group.this");
    assertThat(a.keys()).isEqualTo("[\"eu.west\"][0]");
    assertThat(SourceLocator.Address.parse("data.aws_vpc.main").resource()).isEqualTo("data.aws_vpc.main");
    assertThat(SourceLocator.Address.parse("sgr-0abc")).isNull();
  }

  @Test
  void aTfFileThatIsNotUtf8_isAWarningSayingSo() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("infra"));
    Files.write(root.resolve("main.tf"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});
    Path plan = Files.writeString(root.resolve("plan.json"), "{\"format_version\":\"1.2\"}");
    assertThat(SourceLocator.of(root, plan).warnings()).containsExactly(root.toAbsolutePath().normalize()
        .resolve("main.tf") + ": cannot be read as Terraform (it is not UTF-8 text; save it as UTF-8)"
        + "; findings of its resources point at the plan");
  }

  @Test
  void aLocalModuleFolderThatDoesNotExist_isAWarningSayingWhatToCheck() throws IOException {
    Path root = Files.createDirectories(tmp.resolve("infra"));
    Files.writeString(root.resolve("main.tf"), "module \"net\" {\n  source = \"./modules/net\"\n}\n");
    Path plan = Files.writeString(root.resolve("plan.json"), "{\"format_version\":\"1.2\",\"configuration\":"
        + "{\"root_module\":{\"module_calls\":{\"net\":{\"source\":\"./modules/net\"}}}}}");
    assertThat(SourceLocator.of(root, plan).warnings()).containsExactly(root.toAbsolutePath().normalize()
        .resolve("modules/net") + ": cannot list the Terraform files: it does not exist (check --source-root and the"
        + " module's source in the plan); findings of its resources point at the plan");
  }
}
