package io.ddwebhooks.emulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The emulator on its own: {@code java -jar datadog-webhooks-emulator.jar --port 8089}; emulator/README.md. */
@Command(name = "datadog-webhooks-emulator", mixinStandardHelpOptions = true,
    description = "An emulator of Datadog's Webhooks Integration API: v1 (webhooks and custom variables) and v2"
    + " (OAuth2 auth methods), for tests of anything that manages Datadog webhooks. Its control API (latency, faults, reset, calls, orgs) is under"
    + " /_emulator/ and needs no keys.")
public final class EmulatorMain implements Callable<Integer> {

  @Option(names = "--port", defaultValue = "8089", description = "Port (default 8089; 0 picks a free one).")
  int port;

  @Option(names = "--bind", defaultValue = DatadogEmulator.LOOPBACK, paramLabel = "ADDRESS",
      description = "Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for every interface, e.g."
          + " to serve a container network). The control API needs no keys: bind wider only on a trusted network.")
  String bind;

  @Option(names = "--api-key", description = "Accept only this DD-API-KEY (default: any non-empty key).")
  String apiKey;

  @Option(names = "--app-key", description = "Accept only this DD-APPLICATION-KEY (default: any non-empty key).")
  String appKey;

  @Option(names = "--org", paramLabel = "NAME=APIKEY:APPKEY", description = "Another Datadog org, reached with"
      + " exactly these keys, with its own objects (repeatable). Other keys reach the default org.")
  List<String> orgs = new ArrayList<>();

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmulatorMain()).execute(args));
  }

  /**
   * Parses {@code args} as the command line does and starts the emulator, without blocking: for tests. Bad options
   * throw picocli's {@link CommandLine.ParameterException}.
   */
  static DatadogEmulator launch(PrintWriter out, String... args) throws IOException {
    EmulatorMain main = new EmulatorMain();
    CommandLine commandLine = new CommandLine(main);
    commandLine.parseArgs(args);
    return main.start(out);
  }

  /** Checks the options, starts the emulator with its orgs and says where it listens. */
  DatadogEmulator start(PrintWriter out) throws IOException {
    List<String[]> parsed = new ArrayList<>();
    for (String org : orgs) {
      int eq = org.indexOf('=');
      int colon = org.indexOf(':', eq + 1);
      if (eq < 1 || colon < 0 || colon == eq + 1 || colon == org.length() - 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--org takes NAME=APIKEY:APPKEY");
      }
      parsed.add(new String[] {org.substring(0, eq), org.substring(eq + 1, colon), org.substring(colon + 1)});
    }
    DatadogEmulator emulator = new DatadogEmulator(bind, port, apiKey, appKey);
    for (String[] org : parsed) {
      emulator.addOrg(org[0], org[1], org[2]);
      out.println("  org " + org[0]);
    }
    String where = emulator.address().getAddress().isAnyLocalAddress()
        ? bind + ":" + emulator.address().getPort() + ", from this machine " + emulator.baseUrl()
        : emulator.baseUrl().toString();
    out.println("Datadog emulator listening on " + where + " (Ctrl-C stops it)");
    out.println("  control API: " + emulator.baseUrl() + ControlApi.PREFIX + "/ (no keys needed)");
    out.flush();
    return emulator;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DatadogEmulator started;
    try {
      started = start(out);
    } catch (UnknownHostException e) {
      err.println("error: --bind " + bind + ": not an address of this machine");
      return 2;
    } catch (BindException e) {
      err.println("error: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
      return 1;
    }
    try (DatadogEmulator emulator = started) {
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
