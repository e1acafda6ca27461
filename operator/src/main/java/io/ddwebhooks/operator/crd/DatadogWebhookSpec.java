package io.ddwebhooks.operator.crd;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** Desired state of one Datadog webhook notification channel. */
@ValidationRule(
    value = "has(self.url) != has(self.urlFrom)",
    message = "exactly one of url or urlFrom must be set")
public class DatadogWebhookSpec extends ManagedSpec {

  public static final String NAME_PATTERN = "^[A-Za-z0-9_-]+$";
  public static final String URL_PATTERN = "^https?://.+$";

  @Pattern(NAME_PATTERN)
  @JsonPropertyDescription(
      "Name of the webhook in Datadog; monitors notify it as @webhook-<name>. Letters, digits, '_' and '-'"
          + " only. Defaults to metadata.name. Changing it renames the webhook in place.")
  private String name;

  @Size(max = 8192)
  @Pattern(URL_PATTERN)
  @JsonPropertyDescription(
      "URL Datadog calls, with an http:// or https:// scheme. Use urlFrom when the URL embeds a token."
          + " Exactly one of url and urlFrom.")
  private String url;

  @JsonPropertyDescription("Reads the URL from a Secret key (for URLs that embed a token). Exactly one of url and urlFrom.")
  private ValueSource urlFrom;

  @JsonPropertyDescription("How Datadog encodes the request body: json (default) or form.")
  private EncodeAs encodeAs;

  @Size(max = 262144)
  @JsonPropertyDescription(
      "Payload template as JSON text with Datadog $VARIABLES, e.g. {\"text\": \"$EVENT_TITLE\"}."
          + " Unset means Datadog's default payload.")
  private String payload;

  @Size(max = 256)
  @JsonPropertyDescription("HTTP headers Datadog sends with each call; values literal or from Secrets.")
  private List<CustomHeader> customHeaders = new ArrayList<>();

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public ValueSource getUrlFrom() {
    return urlFrom;
  }

  public void setUrlFrom(ValueSource urlFrom) {
    this.urlFrom = urlFrom;
  }

  public EncodeAs getEncodeAs() {
    return encodeAs;
  }

  public void setEncodeAs(EncodeAs encodeAs) {
    this.encodeAs = encodeAs;
  }

  public String getPayload() {
    return payload;
  }

  public void setPayload(String payload) {
    this.payload = payload;
  }

  public List<CustomHeader> getCustomHeaders() {
    return customHeaders;
  }

  public void setCustomHeaders(List<CustomHeader> customHeaders) {
    this.customHeaders = customHeaders == null ? new ArrayList<>() : customHeaders;
  }
}
