package io.ddwebhooks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleNotificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectNode webhook(String url, String payload, String headers, String encodeAs) {
    ObjectNode w = JSON.createObjectNode();
    w.put("name", "w");
    w.put("url", url);
    w.put("payload", payload);
    w.put("custom_headers", headers);
    w.put("encode_as", encodeAs);
    return w;
  }

  @Test
  void fillsBuiltInsAndCustomVariablesLongestNameFirst() {
    SampleNotification.Rendered n = SampleNotification.render(webhook(
        "https://h.example.com/host/$HOSTNAME/$TAGS[role]?env=$ENV_NAME",
        "{\"t\": \"$EVENT_TITLE\", \"d\": \"$DATE_POSIX/$DATE\", \"u\": \"$USERNAME\", \"svc\": \"$TAGS[service]\","
            + " \"none\": \"$TAGS[nope]\", \"env\": \"$ENV_NAME\", \"typo\": \"$EVENT_TITEL\", \"v\": \"$NESTED\"}",
        "{\"X-Key\": \"$API_TOKEN\"}", "json"),
        Map.of("ENV_NAME", "prod west", "API_TOKEN", "t0k\"en", "NESTED", "$HOSTNAME"));
    assertThat(n.url()).isEqualTo("https://h.example.com/host/my-host/computing-node?env=prod%20west");
    assertThat(n.headers()).containsEntry("X-Key", "t0k\"en").containsEntry("Content-Type", "application/json");
    assertThat(n.body()).contains("\"t\": \"[Triggered] Load is high\"", "\"d\": \"1406662672/1406662672000\"",
        "\"u\": \"rudy\"", "\"svc\": \"checkout\"", "\"none\": \"\"", "\"env\": \"prod west\"",
        "\"typo\": \"$EVENT_TITEL\"", "\"v\": \"$HOSTNAME\"");
  }

  @Test
  void escapesValuesInsideJsonAndSendsFormsAsForms() throws Exception {
    SampleNotification.Rendered json = SampleNotification.render(webhook("https://h.example.com",
        "{\"body\": \"$EVENT_MSG\"}", null, "json"), Map.of());
    assertThat(JSON.readTree(json.body()).path("body").asText()).isEqualTo("%%%\nLoad is high on my-host\n%%%");
    SampleNotification.Rendered form = SampleNotification.render(webhook("https://h.example.com",
        "{\"Body\": \"$ALERT_TRANSITION: $TEXT_ONLY_MSG\"}", null, "form"), Map.of());
    assertThat(form.body()).isEqualTo("Body=Triggered%3A+Load+is+high+on+my-host");
    assertThat(form.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded");
  }
}
