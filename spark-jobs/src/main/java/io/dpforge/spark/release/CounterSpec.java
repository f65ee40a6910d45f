package io.dpforge.spark.release;

import io.dpforge.dp.continual.BltMechanism;
import io.dpforge.dp.continual.BltParameters;
import io.dpforge.dp.continual.CounterCalibration;
import io.dpforge.dp.continual.CounterMechanism;
import io.dpforge.dp.continual.CounterMechanisms;
import io.dpforge.dp.continual.CounterStream;
import io.dpforge.dp.continual.KeyedNoise;
import io.dpforge.dp.continual.NoiseSecret;
import java.io.Serializable;

/**
 * Everything an executor needs to run one key's counter, shipped with the task: the mechanism (with the
 * exact BLT parameters fixed when the job was first started), ρ, and the noise secret. The secret travels
 * in the task closure only; nothing here is logged ({@link #toString()} omits it).
 */
final class CounterSpec implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String mechanism;
  private final long horizon;
  private final double[] bltDecays;
  private final double[] bltScales;
  private final double rho;
  private final byte[] secret;
  private final Long seed;
  private transient CounterCalibration calibration;
  private transient KeyedNoise noise;

  CounterSpec(CounterMechanism mechanism, double rho, NoiseSecret secret, Long seed) {
    this.mechanism = mechanism.name();
    this.horizon = mechanism.horizon();
    if (mechanism instanceof BltMechanism blt) {
      this.bltDecays = blt.parameters().decays();
      this.bltScales = blt.parameters().scales();
    } else {
      this.bltDecays = null;
      this.bltScales = null;
    }
    this.rho = rho;
    this.seed = seed;
    this.secret = secret.isPrivate() ? secret.bytes() : null;
  }

  CounterMechanism mechanism() {
    return bltDecays != null ? BltMechanism.of(new BltParameters(bltDecays, bltScales), horizon)
        : CounterMechanisms.parse(mechanism, horizon);
  }

  CounterCalibration calibration() {
    if (calibration == null) {
      calibration = CounterCalibration.gaussian(mechanism(), rho);
    }
    return calibration;
  }

  KeyedNoise noise() {
    if (noise == null) {
      NoiseSecret s = secret != null ? NoiseSecret.restore(secret) : NoiseSecret.seededNotPrivate(seed);
      noise = KeyedNoise.of(s, "release/" + mechanism);
    }
    return noise;
  }

  /** "private" or the seeded NOT PRIVATE label, written on every released row. */
  String noiseLabel() {
    return secret != null ? "private" : "seeded " + seed + " (NOT PRIVATE)";
  }

  CounterStream open(String key) {
    return calibration().open(noise(), key);
  }

  CounterStream restore(byte[] state, String key) {
    CounterCalibration cal = calibration();
    return cal.mechanism().restore(state, cal.grid(), cal.draws(noise(), key));
  }

  @Override
  public String toString() {
    return "CounterSpec(" + mechanism + ", T=" + horizon + ", rho=" + rho + ", " + noiseLabel() + ")";
  }
}
