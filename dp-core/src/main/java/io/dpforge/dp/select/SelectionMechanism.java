package io.dpforge.dp.select;

import io.dpforge.dp.accounting.RdpCurve;
import io.dpforge.dp.ledger.Charge;
import io.dpforge.dp.random.Randomness;

/** What the selection mechanisms share: their parameters, their cost and their ledger charge. */
public abstract class SelectionMechanism {
  final double epsilon;
  final double sensitivity;
  /** ε/(2Δ), or ε/Δ for monotone utilities. */
  final double factor;
  final Randomness random;

  SelectionMechanism(SelectionBuilder<?, ?> b) {
    this.epsilon = b.epsilon;
    this.sensitivity = b.sensitivity;
    this.factor = b.exponentFactor();
    this.random = b.random;
  }

  /** The ε of one selection. */
  public double epsilon() {
    return epsilon;
  }

  /** The privacy cost of one call of {@code select}. */
  public abstract RdpCurve cost();

  /** The mechanism's name in ledger entries. */
  abstract String mechanism();

  /** The ledger charge for one selection releasing {@code released}. */
  public Charge charge(String released) {
    return Charge.of(mechanism(), released, sensitivity, epsilon, cost()).using(random);
  }
}
