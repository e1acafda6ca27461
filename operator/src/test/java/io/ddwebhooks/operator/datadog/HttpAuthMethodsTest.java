package io.ddwebhooks.operator.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ddwebhooks.operator.testing.EmulatedDatadog;
import org.junit.jupiter.api.Test;

/**
 * The v2 auth-method client's name-to-id cache: an id it remembers for a name leads a DELETE or a PATCH only while
 * the object under that id still has that name (renamed outside the operator, it is someone's other object).
 */
class HttpAuthMethodsTest {

  private final EmulatedDatadog datadog = new EmulatedDatadog();

  private static AuthMethod method(String name, String secret) {
    return new AuthMethod(name, "https://auth.example.com/token", "client", secret, null, null, null);
  }

  private String idOf(String name) {
    return datadog.storedAuthMethod(name).orElseThrow().get("id").asText();
  }

  @Test
  void aDeleteByNameChecksTheNameUnderTheCachedIdFirst() {
    datadog.createAuthMethod(method("servicenow", "s"));
    String id = idOf("servicenow");
    datadog.clearCalls();
    assertThat(datadog.deleteAuthMethod("servicenow")).isTrue();
    assertThat(datadog.calls()).as("one GET by the cached id, then the DELETE")
        .containsExactly("GET " + id, "DELETE " + id);

    datadog.createAuthMethod(method("servicenow", "s"));
    String renamedAway = idOf("servicenow");
    // renamed in the UI; the client still remembers its id under the old name
    datadog.emulator.editAuthMethodOutOfBand("servicenow", "name", "renamed-in-the-ui");
    assertThat(datadog.deleteAuthMethod("servicenow")).as("nothing is named so").isFalse();
    assertThat(datadog.emulator.authMethodNames()).containsExactly("renamed-in-the-ui");

    // someone made the name again: that object is the one deleted, not the renamed one
    datadog.emulator.putAuthMethodOutOfBand("servicenow", "https://auth.example.com/token", "client", "x");
    assertThat(datadog.deleteAuthMethod("servicenow")).isTrue();
    assertThat(datadog.emulator.authMethodNames()).containsExactly("renamed-in-the-ui");
    assertThat(idOf("renamed-in-the-ui")).isEqualTo(renamedAway);
  }

  @Test
  void aPatchByNameChecksTheNameUnderTheCachedIdFirst() {
    datadog.createAuthMethod(method("servicenow", "theirs"));
    datadog.emulator.editAuthMethodOutOfBand("servicenow", "name", "renamed-in-the-ui");
    assertThatThrownBy(() -> datadog.updateAuthMethod("servicenow", method("servicenow", "mine")))
        .isInstanceOfSatisfying(DatadogApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(datadog.emulator.authMethodNames()).containsExactly("renamed-in-the-ui");
    assertThat(datadog.storedAuthMethod("renamed-in-the-ui").orElseThrow().get("client_secret").asText())
        .isEqualTo("theirs");
  }
}
