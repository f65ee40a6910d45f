package io.dpforge.client.problem;

import io.dpforge.dp.data.InvalidInputException;
import java.util.Locale;

/** Where {@code dpforge optimize --data} takes its examples from. */
public enum DataSource {
  /** Fashion-MNIST from the folder named by DPFORGE_FASHION_MNIST (784 features, 10 classes). */
  FASHION_MNIST,
  /** {@link io.dpforge.client.data.SyntheticLogistic} data: unit-norm features, two classes. */
  SYNTHETIC;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static DataSource parse(String s) {
    for (DataSource d : values()) {
      if (d.cliName().equals(s)) {
        return d;
      }
    }
    throw new InvalidInputException("--data must be fashion-mnist or synthetic, got '" + s + "'");
  }
}
