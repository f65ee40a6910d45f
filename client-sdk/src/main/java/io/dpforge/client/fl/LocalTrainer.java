package io.dpforge.client.fl;

/** Local training: from a global model to an update. Called by {@link FederatedClient#run}. */
@FunctionalInterface
public interface LocalTrainer {
  LocalUpdate train(GlobalModel model) throws InterruptedException;
}
