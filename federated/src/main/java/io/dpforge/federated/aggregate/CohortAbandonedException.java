package io.dpforge.federated.aggregate;

/** A masked cohort that could not be unmasked (too many members dropped); nothing of it is applied. */
public final class CohortAbandonedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CohortAbandonedException(String message) {
    super(message);
  }
}
