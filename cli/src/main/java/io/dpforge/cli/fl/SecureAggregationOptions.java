package io.dpforge.cli.fl;

import io.dpforge.cli.Console;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.federated.secagg.Modulus;
import io.dpforge.federated.secagg.SecAggSettings;
import io.dpforge.federated.secagg.SecureAggregation;
import io.dpforge.federated.secagg.ThreatModel;
import io.dpforge.federated.security.ContributionSignatures;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Secure-aggregation flags: off unless {@code --secure-aggregation}; the neighbour degree and threshold
 * follow per cohort from the stated threat model unless fixed.
 */
public final class SecureAggregationOptions {
  @Option(names = "--secure-aggregation", description = "Mask updates (SecAgg+ per upload cohort): the coordinator"
      + " learns only each cohort's sum.")
  boolean enabled;

  @Option(names = "--secagg-colluding", defaultValue = "0.1",
      description = "Fraction of a cohort that may collude with the coordinator (default ${DEFAULT-VALUE}).")
  double colluding;

  @Option(names = "--secagg-dropout", defaultValue = "0.3",
      description = "Fraction of a cohort that may drop out during the protocol (default ${DEFAULT-VALUE}).")
  double dropout;

  @Option(names = "--secagg-security-bits", defaultValue = "40",
      description = "σ: the server learns more than the sum with probability at most 2^-σ (default ${DEFAULT-VALUE}).")
  int securityBits;

  @Option(names = "--secagg-bits", defaultValue = "32",
      description = "Masked values are integers mod 2^b, b/8 bytes each on the wire (default ${DEFAULT-VALUE}).")
  int modulusBits;

  @Option(names = "--secagg-range", defaultValue = "8",
      description = "Without central DP: coordinates of a weighted update are clipped to ±R times the cohort's"
          + " largest weight before rounding (default ${DEFAULT-VALUE}).")
  double range;

  @Option(names = "--secagg-round-timeout", defaultValue = "30",
      description = "Seconds a protocol round waits for members before going on without them (default ${DEFAULT-VALUE}).")
  double roundTimeout;

  @Option(names = "--secagg-neighbours", description = "Fix the neighbour degree k (with --secagg-threshold).")
  Integer neighbours;

  @Option(names = "--secagg-threshold", description = "Fix the Shamir threshold t (with --secagg-neighbours).")
  Integer threshold;

  /**
   * The coordinator's secure aggregation, or null when off.
   *
   * @param signatures signature checks on members' keys and inputs (null without mutual TLS)
   */
  SecureAggregation build(ContributionSignatures signatures, Console console) {
    if (!enabled) {
      return null;
    }
    SecAggSettings s;
    try {
      s = new SecAggSettings(new ThreatModel(colluding, dropout, securityBits, 20), new Modulus(modulusBits), range,
          Duration.ofMillis((long) (roundTimeout * 1000)), neighbours == null ? 0 : neighbours,
          threshold == null ? 0 : threshold);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("secure aggregation flags: " + e.getMessage(), e);
    }
    console.printf("secure aggregation: SecAgg+ per cohort, %d-bit modulus, tolerating %.0f%% colluding clients and"
        + " %.0f%% dropouts (2^-%d)%s%n", modulusBits, 100 * colluding, 100 * dropout, securityBits,
        signatures == null ? "; keys and inputs unsigned (no mutual TLS)" : "; keys and inputs signed");
    return SecureAggregation.builder(s).signatures(signatures).build();
  }
}
