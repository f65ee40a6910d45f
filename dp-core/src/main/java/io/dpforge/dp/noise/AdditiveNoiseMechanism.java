package io.dpforge.dp.noise;

import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.ledger.PrivacyLedger;

/** A mechanism that adds calibrated noise to a value or vector, and the ledger step that pays for it. */
public interface AdditiveNoiseMechanism {

  /** The ledger charge for releasing {@code released} with this mechanism (randomness stated). */
  Charge charge(String released);

  /** The noisy value. The caller must have charged {@link #charge} (or a composed cost) to a ledger. */
  double addNoise(double value);

  /** The noisy vector. The caller must have charged {@link #charge} (or a composed cost) to a ledger. */
  double[] addNoise(double[] values);

  /** Charges the ledger, then returns the noisy value: nothing is noised unless the charge succeeds. */
  default double release(PrivacyLedger ledger, String released, double value) {
    ledger.charge(charge(released));
    return addNoise(value);
  }

  /** Charges the ledger, then returns the noisy vector. */
  default double[] release(PrivacyLedger ledger, String released, double[] values) {
    ledger.charge(charge(released));
    return addNoise(values);
  }
}
