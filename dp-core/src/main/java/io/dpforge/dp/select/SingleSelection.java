package io.dpforge.dp.select;

import io.dpforge.dp.ledger.PrivacyLedger;

/** A selection mechanism that releases one candidate's index per call. */
public abstract class SingleSelection extends SelectionMechanism {

  SingleSelection(SelectionBuilder<?, ?> b) {
    super(b);
  }

  /** Charges the ledger, then selects: nothing is drawn unless the ledger accepted the charge. */
  public final int release(PrivacyLedger ledger, String released, double[] utilities) {
    ledger.charge(charge(released));
    return select(utilities);
  }

  /** The selected index. The caller must have charged {@link #charge} to a ledger. */
  public abstract int select(double[] utilities);
}
