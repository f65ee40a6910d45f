package io.dpforge.decentralized.rpc;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting for a channel to connect. */
final class Channels {
  private Channels() {}

  /**
   * Asks the channel to connect and waits until it is READY.
   *
   * @throws IllegalStateException when it is not READY within the timeout
   */
  static void awaitReady(ManagedChannel channel, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ConnectivityState state;
    while ((state = channel.getState(true)) != ConnectivityState.READY) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException("peer at " + channel.authority() + " not reachable within " + timeout
            + " (last state " + state + ")");
      }
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      changed.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
    }
  }
}
