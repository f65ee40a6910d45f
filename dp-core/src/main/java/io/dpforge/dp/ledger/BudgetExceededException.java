package io.dpforge.dp.ledger;

/**
 * A release was refused because it would spend more than the ledger's budget. Nothing was recorded and
 * nothing may be released.
 */
public final class BudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final double spent;
  private final double requested;
  private final double limit;

  BudgetExceededException(String released, Budget budget, double spent, double spentAfter) {
    super(String.format("privacy budget exceeded: '%s' would bring %s spent from %s to %s, over the budget of %s"
            + " (remaining %s); nothing was recorded or released",
        released, budget.unit(), spent, spentAfter, budget.limit(), Math.max(0, budget.limit() - spent)));
    this.spent = spent;
    this.requested = spentAfter - spent;
    this.limit = budget.limit();
  }

  /** Spent before the refused charge, in the budget's unit. */
  public double spent() {
    return spent;
  }

  /** What the refused charge would have added, in the budget's unit. */
  public double requested() {
    return requested;
  }

  /** What is left, in the budget's unit. */
  public double remaining() {
    return Math.max(0, limit - spent);
  }
}
