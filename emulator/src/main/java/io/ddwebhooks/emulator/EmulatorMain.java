package io.ddwebhooks.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The emulator on its own: {@code java -jar datadog-webhooks-emulator.jar --port 8089}. */
@Command(name = "datadog-webhooks-emulator", mixinStandardHelpOptions = true,
    description = "An emulator of Datadog's Webhooks Integration API v1 (webhooks and custom variables), for tests"
    + " of anything that manages Datadog webhooks.")
public final class EmulatorMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8089", description = "Port (default 8089; 0 picks a free one).")
  int port;

  @Option(names = "--api-key", description = "Accept only this DD-API-KEY (default: any non-empty key).")
  String apiKey;

  @Option(names = "--app-key", description = "Accept only this DD-APPLICATION-KEY (default: any non-empty key).")
  String appKey;

  @Option(names = "--org", description = "Another Datadog org, reached with exactly these keys, with its own"
      + " objects: NAME=APIKEY:APPKEY (repeatable). Other keys reach the default org.")
  List<String> orgs = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmulatorMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (DatadogEmulator emulator = new DatadogEmulator(port, apiKey, appKey)) {
      for (String org : orgs) {
        int eq = org.indexOf('=');
        int colon = org.indexOf(':', eq + 1);
        if (eq < 1 || colon < 0) {
          System.err.println("error: --org takes NAME=APIKEY:APPKEY");
          return 2;
        }
        emulator.addOrg(org.substring(0, eq), org.substring(eq + 1, colon), org.substring(colon + 1));
        System.out.println("  org " + org.substring(0, eq));
      }
      System.out.println("Datadog emulator listening on " + emulator.baseUrl() + " (Ctrl-C stops it)");
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
