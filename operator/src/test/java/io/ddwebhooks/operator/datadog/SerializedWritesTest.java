package io.ddwebhooks.operator.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ddwebhooks.operator.testing.EmulatedDatadog;
import io.ddwebhooks.operator.testing.ForwardingApi;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SerializedWritesTest {

  /** A fake whose webhook creates block until released, counting how many run at once. */
  static final class SlowWrites extends ForwardingApi {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    SlowWrites() {
      super(new EmulatedDatadog());
    }

    @Override
    public Webhook createWebhook(Webhook webhook) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
      return super.createWebhook(webhook);
    }
  }

  @Test
  void oneWriteAtATimeWhileReadsGoStraightThrough() throws Exception {
    SlowWrites slow = new SlowWrites();
    SerializedWrites api = new SerializedWrites(slow);
    Thread first = new Thread(() -> api.createWebhook(hook("a")));
    Thread second = new Thread(() -> api.createWebhook(hook("b")));
    first.start();
    await().until(() -> slow.inFlight.get() == 1);
    second.start();
    await().until(() -> api.queuedWrites() == 1);

    assertThat(api.getWebhook("zzz")).as("a read does not wait for the write lock").isEmpty();

    slow.release.countDown();
    first.join(10_000);
    second.join(10_000);
    assertThat(slow.maxInFlight.get()).isEqualTo(1);
    assertThat(api.queuedWrites()).isZero();
  }

  private static Webhook hook(String name) {
    return new Webhook(name, "https://x", Webhook.DEFAULT_PAYLOAD, null, "json");
  }
}
