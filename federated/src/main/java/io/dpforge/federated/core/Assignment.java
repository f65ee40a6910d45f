package io.dpforge.federated.core;

/**
 * A piece of work handed to a client: train on this model and send back an update, or stop.
 *
 * @param id echoed in the update's header
 * @param model the model to train on (null when finished)
 * @param finished training is over: the client should stop
 * @param localSteps local steps the coordinator asks for (0: the client's own choice)
 */
public record Assignment(String id, ModelSnapshot model, boolean finished, int localSteps) {
  public static Assignment finishedRun() {
    return new Assignment("", null, true, 0);
  }
}
