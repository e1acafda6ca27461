package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

  @Test
  void everySubCommandHasHelp() {
    for (String sub : new String[] {"run", "sandbox", "benchmark", "emulator"}) {
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new Main());
      cli.setOut(new PrintWriter(out));
      assertThat(cli.execute(sub, "--help")).as(sub).isZero();
      assertThat(out.toString()).as(sub).contains("Usage:").contains(sub);
    }
  }
}
