package io.ddwebhooks.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SandboxNamesTest {

  @Test
  void refusesWhatARealApiServerRefuses() {
    assertThat(Sandbox.nameProblem(Fixtures.webhook("default", "team-alerts", "https://x"))).isNull();
    assertThat(Sandbox.nameProblem(Fixtures.webhook("default", "team.alerts", "https://x"))).isNull();
    assertThat(Sandbox.nameProblem(Fixtures.webhook("default", "Team_Alerts", "https://x"))).contains("not a valid");
    assertThat(Sandbox.nameProblem(Fixtures.webhook("default", "-x", "https://x"))).isNotNull();
    assertThat(Sandbox.nameProblem(Fixtures.webhook("default", "a".repeat(254), "https://x"))).isNotNull();
    assertThat(Sandbox.nameProblem(Fixtures.webhook("Bad_NS", "ok", "https://x"))).contains("namespace");
  }
}
