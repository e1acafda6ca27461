package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void everySubCommandHasHelp() {
    for (String sub : new String[] {"run", "export"}) {
      assertThat(help(sub)).as(sub).contains("Usage:").contains(sub);
    }
  }

  @Test
  void theOperatorJarRunsTheOperatorAndExportsNothingElse() {
    CommandLine cli = new CommandLine(new Main());
    assertThat(cli.getSubcommands().keySet()).containsExactlyInAnyOrder("run", "export");
  }

  @Test
  void runHelpListsEveryEnvironmentVariableTheCodeReads() throws Exception {
    Pattern read = Pattern.compile("(?:env\\.get|env\\.getOrDefault|getenv)\\(\"([A-Z][A-Z0-9_]+)\"");
    TreeSet<String> names = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("operator/src/main/java"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = read.matcher(Files.readString(f));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    assertThat(names).as("found in the code").contains("DD_API_KEY", "WATCH_NAMESPACES", "LOG_FORMAT");
    String help = help("run").replaceAll("\\s+", " ");
    assertThat(names).allSatisfy(name -> assertThat(help).as("run --help").containsPattern("\\b" + name + "\\b"));
  }

  private static String help(String sub) {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(sub, "--help")).as(sub).isZero();
    return out.toString();
  }
}
