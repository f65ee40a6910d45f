package io.dpforge.federated.strategy;

/**
 * The deterministic part d_i of a client's aggregation weight ω_i = d_i · s(τ_i) · 𝟙[i ∈ S_n]
 * (Fraboni et al., JMLR 2023, eq. of §2; the weights of the authors' {@code Server.clients_importances}).
 *
 * <p>A weight splits into a per-client factor known when the update arrives and a per-cohort scale
 * known when the cohort closes, so that a cohort can be summed incrementally (and, later, under secure
 * aggregation, where the server only sees the sum): ω_i = clientFactor_i · cohortScale.
 */
public enum WeightRule {
  /**
   * Every update in a step weighs the same: 1/|S_n| (1 for asynchronous FedAvg, 1/K for FedBuff). Biased
   * toward fast clients under asynchrony (Fraboni et al. §3).
   */
  IDENTICAL("identical"),
  /** FedAvg's data-ratio weights within the cohort: n_i / Σ_{j∈S_n} n_j. */
  EXAMPLES("examples"),
  /**
   * Unbiased realised weights d_i = (τ_i + 1) · p_i with τ_i the staleness (research brief §1.10): summed
   * over a client's contributions they give p_i per server step on average, so E[ω_i] = p_i.
   */
  UNBIASED("unbiased"),
  /**
   * FedFix's fixed unbiased weights d_i = ⌈T_i/Δt⌉ · p_i (Fraboni et al. §4; {@code clients_schedule.py}),
   * with T_i the measured time from handing out the model to receiving the update.
   */
  UNBIASED_TIMED("unbiased-timed");

  private final String spec;

  WeightRule(String spec) {
    this.spec = spec;
  }

  public String spec() {
    return spec;
  }

  /**
   * The per-client factor d_i (before the staleness discount and the cap).
   *
   * @param staleness versions between the update's base model and the model it is applied to
   * @param importance p_i, summing to 1 over registered clients
   * @param numExamples the update's local example count
   * @param computeSeconds time from handing out the model to receiving the update
   * @param periodSeconds FedFix's Δt (0 for other triggers)
   */
  public double clientFactor(long staleness, double importance, long numExamples, double computeSeconds,
      double periodSeconds) {
    return switch (this) {
      case IDENTICAL -> 1.0;
      case EXAMPLES -> numExamples;
      case UNBIASED -> (staleness + 1) * importance;
      case UNBIASED_TIMED -> Math.max(1.0, Math.ceil(computeSeconds / periodSeconds - 1e-9)) * importance;
    };
  }

  /** The scale applied to the cohort's sum when it closes. */
  public double cohortScale(int members, long examples) {
    return switch (this) {
      case IDENTICAL -> members == 0 ? 0.0 : 1.0 / members;
      case EXAMPLES -> examples == 0 ? 0.0 : 1.0 / examples;
      case UNBIASED, UNBIASED_TIMED -> 1.0;
    };
  }

  /** Parses the command-line spelling. */
  public static WeightRule parse(String spec) {
    for (WeightRule r : values()) {
      if (r.spec.equals(spec)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "weights must be one of identical, examples, unbiased, unbiased-timed; got '" + spec + "'");
  }
}
