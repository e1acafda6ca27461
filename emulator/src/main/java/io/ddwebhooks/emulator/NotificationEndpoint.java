package io.ddwebhooks.emulator;

/**
 * Not Datadog's: {@code GET /test/notifications/{webhook}} answers what a receiver would get if a sample monitor alert
 * fired the webhook now ({@link SampleNotification}), with the org's keys like any Datadog call. Secret custom
 * variables are substituted, as Datadog does when it sends, so the answer can hold secret values.
 */
final class NotificationEndpoint {

  private NotificationEndpoint() {}

  static Answer get(OrgStore org, String webhook) {
    return org.notification(webhook).map(n -> Answer.json(200, n.toJson()))
        .orElseGet(() -> Answer.error(404, "Webhook does not exist"));
  }
}
