package io.ddwebhooks.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** CREDENTIALS_URL_ALLOWLIST compares parsed URLs, never string prefixes (tenant-isolation issue, hole 5). */
class UrlAllowlistTest {

  private static final UrlAllowlist LIST = UrlAllowlist.parse(List.of("http://127.0.0.1:", "https://dd-proxy.corp",
      "https://gateway.example.com:8443/datadog", "https://bücher.example."));

  @Test
  void admitsTheSameSchemeHostPortAndPath() {
    assertThat(LIST.allows("http://127.0.0.1:8080")).isTrue();
    assertThat(LIST.allows("http://127.0.0.1:8080/")).isTrue();
    assertThat(LIST.allows("https://dd-proxy.corp")).isTrue();
    assertThat(LIST.allows("https://DD-PROXY.corp.:443/api")).as("case, trailing dot, default port").isTrue();
    assertThat(LIST.allows("https://gateway.example.com:8443/datadog/eu")).isTrue();
    assertThat(LIST.allows("https://xn--bcher-kva.example")).as("IDN").isTrue();
    assertThat(LIST.allows("https://bücher.example/")).isTrue();
  }

  @Test
  void refusesWhatAPrefixWouldHaveLetThrough() {
    assertThat(LIST.allows("http://127.0.0.1:80@evil.example/")).as("user information hides the host").isFalse();
    assertThat(LIST.allows("https://dd-proxy.corp.evil.example")).as("a longer host").isFalse();
    assertThat(LIST.allows("https://dd-proxy.corp@evil.example")).isFalse();
    assertThat(LIST.allows("http://127.0.0.1:8080?")).as("the API path would become a query").isFalse();
    assertThat(LIST.allows("http://127.0.0.1:8080/?x=1")).isFalse();
    assertThat(LIST.allows("http://127.0.0.1:8080/#x")).isFalse();
    assertThat(LIST.allows("https://gateway.example.com:8443/datadogx")).as("a path segment").isFalse();
    assertThat(LIST.allows("https://gateway.example.com:8443/datadog/../admin")).isFalse();
    assertThat(LIST.allows("https://gateway.example.com:8443/datadog/%2e%2e/admin")).isFalse();
    assertThat(LIST.allows("https://gateway.example.com/datadog")).as("another port").isFalse();
    assertThat(LIST.allows("http://dd-proxy.corp")).as("another scheme").isFalse();
    assertThat(LIST.allows("https://127.0.0.1:8080")).isFalse();
    assertThat(LIST.allows("ftp://127.0.0.1:21")).isFalse();
    assertThat(LIST.allows("not a url")).isFalse();
    assertThat(LIST.allows(null)).isFalse();
    assertThat(UrlAllowlist.NONE.allows("https://dd-proxy.corp")).isFalse();
  }

  @Test
  void aMalformedEntryStopsTheStart() {
    assertThatThrownBy(() -> UrlAllowlist.parse(List.of("dd-proxy.corp"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'dd-proxy.corp'");
    assertThatThrownBy(() -> UrlAllowlist.parse(List.of("https://user@dd-proxy.corp")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> OperatorConfig.fromEnvironment(java.util.Map.of("CREDENTIALS_URL_ALLOWLIST",
        "https://ok.example,http://?"))).isInstanceOf(ConfigException.class);
    assertThat(UrlAllowlist.parse(List.of("http://127.0.0.1:*")).allows("http://127.0.0.1:1234")).isTrue();
  }
}
