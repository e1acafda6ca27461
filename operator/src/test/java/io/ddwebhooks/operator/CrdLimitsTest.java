package io.ddwebhooks.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ddwebhooks.operator.sync.ValueChecks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The CRD's caps and the operator's checks agree: every cap is well above the operator's limit (so existing objects
 * are never stranded by a schema that cannot ratchet before Kubernetes 1.30, and the operator gives the clear
 * message), and every value the operator accepts passes the CRD's patterns.
 */
class CrdLimitsTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode spec(String file) throws IOException {
    return YAML.readTree(Path.of("deploy/crds", file).toFile()).at("/spec/versions/0/schema/openAPIV3Schema"
        + "/properties/spec/properties");
  }

  @Test
  void capsAreAtLeastFourTimesTheOperatorsLimits() throws IOException {
    JsonNode webhook = spec("datadogwebhooks.ddwebhooks.io-v1.yml");
    JsonNode header = webhook.at("/customHeaders/items/properties");
    JsonNode variable = spec("datadogcustomvariables.ddwebhooks.io-v1.yml");
    assertThat(webhook.at("/url/maxLength").asInt()).isGreaterThanOrEqualTo(4 * ValueChecks.MAX_URL);
    assertThat(webhook.at("/payload/maxLength").asInt()).isGreaterThanOrEqualTo(4 * ValueChecks.MAX_PAYLOAD);
    assertThat(webhook.at("/customHeaders/maxItems").asInt()).isGreaterThanOrEqualTo(4 * ValueChecks.MAX_HEADERS);
    assertThat(header.at("/name/maxLength").asInt()).isGreaterThanOrEqualTo(4 * ValueChecks.MAX_HEADER_NAME);
    assertThat(header.at("/value/maxLength").asInt()).isGreaterThanOrEqualTo(4 * ValueChecks.MAX_HEADER_VALUE);
    assertThat(variable.at("/value/maxLength").asInt())
        .isGreaterThanOrEqualTo(4 * ValueChecks.MAX_VARIABLE_VALUE);
  }

  @Test
  void whatTheOperatorAcceptsTheSchemaAccepts() throws IOException {
    JsonNode webhook = spec("datadogwebhooks.ddwebhooks.io-v1.yml");
    Pattern url = Pattern.compile(webhook.at("/url/pattern").asText());
    Pattern headerName = Pattern.compile(webhook.at("/customHeaders/items/properties/name/pattern").asText());
    assertThat(headerName.pattern()).isEqualTo(ValueChecks.HEADER_NAME_PATTERN);
    for (String ok : List.of("https://h.example.com", "http://10.0.0.1:8080/x?y=1", "https://u:p@h.example.com/$ID",
        "https://$HOSTNAME.example.com/$TAGS[env]/x", "https://H.EXAMPLE.COM/")) {
      assertThat(ValueChecks.url("u", ok)).as(ok).isEmpty();
      assertThat(url.matcher(ok).matches()).as(ok).isTrue();
    }
    assertThat(ValueChecks.url("u", "HTTPS://h.example.com")).as("the schema refuses it too").isPresent();
  }
}
