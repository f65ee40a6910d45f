package io.dpforge.federated.secagg;

/**
 * The two kinds of mask and their signs, shared by the client that adds them and the server that removes
 * them (Bonawitz et al., CCS 2017, §4): y_u = x_u + PRG(b_u) + Σ_{v∈U2, v<u} PRG(s_uv) − Σ_{v∈U2, v>u}
 * PRG(s_uv) mod 2^b. Pairwise masks cancel in the sum over U2 ∩ U3; the server removes the self masks of
 * survivors and the leftover pairwise masks of survivors with dropped neighbours.
 */
final class Masks {
  private Masks() {}

  /** Adds u's self mask to its vector. */
  static void addSelfMask(long[] y, byte[] seed, CohortContext context, int u, Modulus modulus) {
    MaskExpansion.apply(y, SecAggKeys.selfMaskKey(seed, context, u), false, modulus);
  }

  /** Removes u's self mask from a sum. */
  static void removeSelfMask(long[] sum, byte[] seed, CohortContext context, int u, Modulus modulus) {
    MaskExpansion.apply(sum, SecAggKeys.selfMaskKey(seed, context, u), true, modulus);
  }

  /** Adds u's mask with neighbour v: +PRG(s_uv) when v < u, −PRG(s_uv) when v > u. */
  static void addPairwiseMask(long[] y, byte[] agreed, CohortContext context, int u, int v, Modulus modulus) {
    MaskExpansion.apply(y, SecAggKeys.pairwiseMaskKey(agreed, context, u, v), u < v, modulus);
  }

  /** Removes from a sum the mask survivor u added for its dropped neighbour v. */
  static void removePairwiseMask(long[] sum, byte[] agreed, CohortContext context, int u, int v, Modulus modulus) {
    MaskExpansion.apply(sum, SecAggKeys.pairwiseMaskKey(agreed, context, u, v), !(u < v), modulus);
  }
}
