package io.dpforge.client.optim;

import java.util.Locale;

/** Which dp-core accountant calibrates DP-SGD's noise and states its ε. */
public enum Accountant {
  /**
   * Rényi DP of the Poisson-subsampled Gaussian (Mironov, Talwar and Zhang 2019), improved conversion:
   * what the ledger composes.
   */
  RDP,
  /**
   * The privacy loss distribution of the Poisson-subsampled Gaussian composed by FFT (connect-the-dots,
   * Doroshenko et al. 2022): a tight ε, so less noise for the same target. The ledger still composes
   * Rényi curves, so it records the run at its (larger) RDP ε.
   */
  PLD;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
