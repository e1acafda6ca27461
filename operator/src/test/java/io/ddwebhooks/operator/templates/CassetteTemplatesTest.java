package io.ddwebhooks.operator.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ddwebhooks.emulator.Cassettes;
import io.ddwebhooks.emulator.SampleNotification;
import io.ddwebhooks.operator.sync.TemplateVariables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reference extraction on every template Datadog's own client suites sent (URLs, payloads, custom headers): each
 * reference found is a built-in variable or a custom variable the same recording creates.
 */
class CassetteTemplatesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theEmulatorPreviewsTheSameBuiltInsAsTheOperatorKnows() {
    assertThat(SampleNotification.BUILT_INS.keySet()).containsExactlyInAnyOrderElementsOf(TemplateVariables.BUILT_INS);
  }

  @Test
  void everyRecordedTemplateRefersToKnownVariablesOnly() throws Exception {
    int templates = 0;
    List<String> unknown = new ArrayList<>();
    for (Cassettes.Recording recording : Cassettes.all(Cassettes.root())) {
      Set<String> customVariables = new HashSet<>();
      List<String> texts = new ArrayList<>();
      for (Cassettes.Interaction i : recording.interactions()) {
        JsonNode body = parse(i.requestBody());
        if (body == null) {
          continue;
        }
        if (i.path().contains("/custom-variables") && body.hasNonNull("name")) {
          customVariables.add(body.get("name").asText());
        }
        for (String field : List.of("url", "payload", "custom_headers")) {
          if (body.hasNonNull(field) && i.path().contains("/webhooks")) {
            texts.add(body.get(field).asText());
          }
        }
      }
      for (String text : texts) {
        templates++;
        for (TemplateVariables.Reference r : TemplateVariables.extract(text)) {
          if (!TemplateVariables.builtIn(r.name()) && !customVariables.contains(r.name())) {
            unknown.add(recording.name() + ": $" + r.name());
          }
        }
      }
    }
    assertThat(templates).as("templates found in the cassettes").isGreaterThan(10);
    assertThat(unknown).isEmpty();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(body);
      return node.isObject() ? node : null;
    } catch (Exception e) {
      return null;
    }
  }
}
