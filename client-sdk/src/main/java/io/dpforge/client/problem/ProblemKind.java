package io.dpforge.client.problem;

import io.dpforge.dp.data.InvalidInputException;
import java.util.Locale;

/** The models {@code dpforge optimize --problem} trains. */
public enum ProblemKind {
  /** Multinomial logistic regression (binary with one weight vector on two-class data). */
  LOGREG,
  /** Logistic regression plus the non-convex penalty λ·Σ w²/(1 + w²). */
  LOGREG_NONCONVEX,
  /** A one-hidden-layer ReLU MLP. */
  MLP;

  /** The command-line name, e.g. {@code logreg-nonconvex}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ProblemKind parse(String s) {
    for (ProblemKind k : values()) {
      if (k.cliName().equals(s)) {
        return k;
      }
    }
    throw new InvalidInputException("--problem must be logreg, logreg-nonconvex or mlp, got '" + s + "'");
  }
}
