package io.dpforge.federated.core;

/** Whether a coordinator is still training. */
public enum RunState {
  TRAINING,
  FINISHED
}
