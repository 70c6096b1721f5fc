package io.deployguard.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own moto server ({@link MotoServer#dedicated()}), started before its tests and
 * stopped after them: {@code @RegisterExtension static final DedicatedMoto MOTO = new DedicatedMoto();}.
 */
public final class DedicatedMoto implements BeforeAllCallback, AfterAllCallback {
  private MotoServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = MotoServer.dedicated();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.stop();
    }
  }

  public MotoServer server() {
    return server;
  }
}
