package io.ddwebhooks.operator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code export} command in this JVM for tests in other packages, with its own environment. */
public final class ExportCommandAccess {

  /** The exit code, standard output and standard error of one run. */
  public record Output(int exit, String out, String err) {}

  private ExportCommandAccess() {}

  public static Output run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = new CommandLine(new ExportCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env)).execute(args);
    return new Output(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
