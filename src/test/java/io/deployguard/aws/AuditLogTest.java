package io.deployguard.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path tmp;

  private static AuditLog log(Path path) {
    return new AuditLog(path, "deployguard test", null, false, 10, Clock.systemUTC());
  }

  @Test
  void anAuditPathThatIsAFolder_isAWriteErrorSayingSo_andAskingForAFileName() {
    AuditLog log = log(tmp);

    assertThat(log.writeError()).isEqualTo("cannot write the audit record " + tmp + ": " + tmp
        + " is a folder; give a file name such as " + tmp.resolve("audit.json"));
  }

  @Test
  void anAuditPathUnderAFile_isAWriteErrorNamingThatFile() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "x");

    AuditLog log = log(file.resolve("audit.json"));

    assertThat(log.writeError()).isEqualTo("cannot write the audit record " + file.resolve("audit.json") + ": "
        + file + " is a file, not a folder");
  }

  @Test
  void aWritablePath_holdsTheRecordAtOnce() {
    AuditLog log = log(tmp.resolve("out/audit.json"));

    assertThat(log.writeError()).isNull();
    assertThat(tmp.resolve("out/audit.json")).content().contains("\"complete\" : false");
  }
}
