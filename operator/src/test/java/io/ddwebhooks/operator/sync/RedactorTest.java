package io.ddwebhooks.operator.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private static final String SECRET = "Bearer t0k\"en/with spaces&more";
  private final Redactor redactor = Redactor.of(List.of(SECRET, "ab"));

  @Test
  void scrubsTheValueInEveryFormItMayComeBackIn() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String once = json.writeValueAsString(SECRET);
    String twice = json.writeValueAsString(json.writeValueAsString(java.util.Map.of("Authorization", SECRET)));
    String url = URLEncoder.encode(SECRET, StandardCharsets.UTF_8);
    for (String text : List.of(
        "raw " + SECRET + " end",
        "json " + once,
        "json in json " + twice,
        "url ?q=" + url,
        "url path /" + url.replace("+", "%20"),
        "base64 " + Base64.getEncoder().encodeToString(("x" + SECRET + "y").getBytes(StandardCharsets.UTF_8)),
        "base64 " + Base64.getEncoder().encodeToString(("xy:" + SECRET).getBytes(StandardCharsets.UTF_8)),
        "base64url " + Base64.getUrlEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)))) {
      String out = redactor.redact(text);
      assertThat(out).as(text).contains(Redactor.MARK)
          .doesNotContain("t0k").doesNotContain("with spaces").doesNotContain("with+spaces");
    }
  }

  @Test
  void leavesOrdinaryTextAndTooShortValuesAlone() {
    assertThat(redactor.redact("abc about a cab")).isEqualTo("abc about a cab");
    assertThat(Redactor.none().redact("text")).isEqualTo("text");
    assertThat(redactor.redact(null)).isNull();
  }

  @Test
  void combinesCurrentAndEarlierValues() {
    Redactor both = Redactor.of(List.of("old-value-1")).and(Redactor.of(List.of("new-value-2")));
    assertThat(both.redact("old-value-1 new-value-2")).isEqualTo(Redactor.MARK + " " + Redactor.MARK);
  }
}
