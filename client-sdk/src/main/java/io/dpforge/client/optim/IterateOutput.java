package io.dpforge.client.optim;

/** Which iterate a stationary-point method returns; either choice is post-processing (no privacy cost). */
public enum IterateOutput {
  /** w̄ drawn uniformly from w_1 … w_T, as analysed by Arora et al. 2023 (Algorithm 2, output line). */
  RANDOM_ITERATE,
  /** w_T, the usual choice in practice. */
  LAST_ITERATE
}
