import io.deployguard.lambda.SecurityGroupEventHandler;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Feeds an EventBridge event file to the Lambda handler the way the Lambda runtime does, for
 * running it outside Lambda: {@code java -cp deployguard-VERSION-lambda.jar InvokeHandler.java event.json}
 * (Java's single-file launch: it needs a JDK). The handler reads its settings from the
 * environment (DEPLOYGUARD_TOPIC_ARN ...) and finds AWS through the SDK's usual chain, so
 * AWS_ENDPOINT_URL points it at a local moto server. Prints the handler's result.
 */
public final class InvokeHandler {
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: java -cp deployguard-VERSION-lambda.jar InvokeHandler.java EVENT.json");
      System.exit(2);
    }
    ByteArrayOutputStream result = new ByteArrayOutputStream();
    try (InputStream event = Files.newInputStream(Path.of(args[0]))) {
      new SecurityGroupEventHandler().handleRequest(event, result, null);
    }
    System.out.println(result.toString(StandardCharsets.UTF_8));
  }
}
