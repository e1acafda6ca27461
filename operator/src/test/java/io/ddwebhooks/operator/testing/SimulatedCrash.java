package io.ddwebhooks.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddwebhooks.operator.datadog.WebhooksIntegrationApi;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The operator process "dies" once a matching write has reached Datadog: that call and every later one fail, as if
 * the process were gone before it could record the outcome. Wrap the operator's Datadog clients with {@link #after}.
 */
public final class SimulatedCrash {

  /** What every call of a dead process gets. */
  public static final class Dead extends RuntimeException {
    Dead() {
      super("simulated crash");
    }
  }

  private final AtomicBoolean dead = new AtomicBoolean();
  private final CountDownLatch crashed = new CountDownLatch(1);

  /** Clients that die right after Datadog carried out {@code operation} ("create", "update", "delete") on {@code name}. */
  public UnaryOperator<WebhooksIntegrationApi> after(String operation, String name) {
    return api -> new ForwardingApi(api) {
      @Override
      protected <T> T write(String op, String current, Supplier<T> call) {
        if (dead.get()) {
          throw new Dead();
        }
        T result = call.get();
        if (op.equals(operation) && current.equals(name)) {
          dead.set(true);
          crashed.countDown();
          throw new Dead();
        }
        return result;
      }
    };
  }

  /** Waits (bounded) for the crash to have happened. */
  public void awaitCrash() throws InterruptedException {
    assertThat(crashed.await(30, TimeUnit.SECONDS)).as("the simulated crash happened").isTrue();
  }
}
