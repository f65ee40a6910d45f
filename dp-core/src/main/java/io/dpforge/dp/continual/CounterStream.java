package io.dpforge.dp.continual;

/**
 * One running counter: feed each step's count, get that step's noisy running count back.
 *
 * <p>Not thread-safe: one stream belongs to one key and is advanced by one caller.
 */
public interface CounterStream {

  /**
   * Adds the count of the next step and returns the released value for that step: the exact running
   * count plus the mechanism's correlated noise.
   *
   * @throws IllegalStateException past the horizon
   */
  double release(long count);

  /** Steps released so far. */
  long steps();

  /** The stream's state, to resume it later with {@link CounterMechanism#restore}. */
  byte[] saveState();
}
