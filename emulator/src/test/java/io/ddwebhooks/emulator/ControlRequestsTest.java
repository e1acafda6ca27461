package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ControlRequestsTest {

  private static final Set<String> FAULT_FIELDS = Set.of("operation", "method", "pathPrefix", "count", "always",
      "status", "body", "headers", "drop", "echo");

  private static ObjectNode fault(String json) {
    return ControlRequests.object(json, FAULT_FIELDS);
  }

  private static void refused(String json, String message) {
    assertThatThrownBy(() -> {
      ObjectNode in = fault(json);
      ControlRequests.target(in);
      ControlRequests.fault(in);
    }).isInstanceOf(ControlRequests.BadRequest.class).hasMessageContaining(message);
  }

  @Test
  void operationsNameDatadogsCalls() {
    assertThat(ControlRequests.target(fault("{\"operation\":\"createwebhooksintegration\"}")))
        .containsExactly("POST", DatadogEmulator.WEBHOOKS);
    assertThat(ControlRequests.target(fault("{\"operation\":\"DeleteWebhooksIntegrationCustomVariable\"}")))
        .containsExactly("DELETE", DatadogEmulator.VARIABLES + "/");
    assertThat(ControlRequests.target(fault("{\"operation\":\"writes\"}"))).containsExactly(FaultPlan.WRITES, null);
    assertThat(ControlRequests.target(fault("{\"method\":\"put\",\"pathPrefix\":\"/api\"}")))
        .containsExactly("PUT", "/api");
    assertThat(ControlRequests.target(fault("{}"))).containsExactly(FaultPlan.ANY, null);
  }

  @Test
  void faultsAreAStatusWithBodyAndHeadersOrADrop() {
    Fault plain = ControlRequests.fault(fault("{\"status\":503}"));
    assertThat(plain.body()).isEqualTo("{\"errors\":[\"Service Unavailable\"]}");
    Fault shaped = ControlRequests.fault(fault(
        "{\"status\":429,\"body\":{\"errors\":[\"slow down\"]},\"headers\":{\"X-RateLimit-Reset\":2}}"));
    assertThat(shaped.body()).isEqualTo("{\"errors\":[\"slow down\"]}");
    assertThat(shaped.headers()).containsEntry("X-RateLimit-Reset", "2");
    assertThat(ControlRequests.fault(fault("{\"status\":502,\"body\":\"<html>\"}")).body()).isEqualTo("<html>");
    assertThat(ControlRequests.fault(fault("{\"status\":400,\"echo\":true}")).echoesRequest()).isTrue();
    Fault after = ControlRequests.fault(fault("{\"drop\":\"after\"}"));
    assertThat(after.dropsConnection()).isTrue();
    assertThat(after.commitsFirst()).isTrue();
    assertThat(ControlRequests.fault(fault("{\"drop\":\"before\"}")).commitsFirst()).isFalse();
  }

  @Test
  void malformedRequestsSayWhatIsWrong() {
    refused("[1]", "must be a JSON object");
    refused("{\"statuss\":500}", "unknown field \"statuss\"");
    refused("{\"count\":1}", "needs \"status\"");
    refused("{\"status\":\"500\"}", "\"status\" must be an integer from 200 to 599");
    refused("{\"status\":99}", "from 200 to 599");
    refused("{\"status\":204}", "not 204");
    refused("{\"drop\":\"sometimes\"}", "\"drop\" must be");
    refused("{\"drop\":\"before\",\"status\":500}", "\"drop\" takes no \"status\"");
    refused("{\"status\":400,\"echo\":true,\"body\":\"x\"}", "leave \"body\" out");
    refused("{\"status\":500,\"headers\":{\"Bad Header\":\"x\"}}", "header \"Bad Header\" is not allowed");
    refused("{\"status\":500,\"headers\":{\"X\":\"a\\nb\"}}", "is not allowed");
    refused("{\"status\":500,\"headers\":{\"Content-Length\":\"1\"}}", "is not allowed");
    refused("{\"operation\":\"Frobnicate\",\"status\":500}", "unknown operation \"Frobnicate\"");
    refused("{\"operation\":\"reads\",\"method\":\"GET\",\"status\":500}", "not both");
    refused("{\"method\":\"PATCH\",\"status\":500}", "\"method\" must be one of");
    refused("{\"pathPrefix\":\"api\",\"status\":500}", "must start with /");
  }

  @Test
  void queriesAreDecodedAndChecked() {
    assertThat(ControlRequests.query("org=a%20b&since=3", Set.of("org", "since")))
        .containsEntry("org", "a b").containsEntry("since", "3");
    assertThat(ControlRequests.query(null, Set.of())).isEmpty();
    assertThatThrownBy(() -> ControlRequests.query("limit=3", Set.of("org")))
        .hasMessageContaining("unknown query parameter \"limit\"");
    assertThatThrownBy(() -> ControlRequests.query("org=%zz", Set.of("org"))).hasMessageContaining("percent");
  }
}
