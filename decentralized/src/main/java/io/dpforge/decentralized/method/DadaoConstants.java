package io.dpforge.decentralized.method;

/**
 * The constants of DADAO (Nabli &amp; Oyallon 2023, Algorithm 1 and Theorem 3.1; values as in the
 * authors' reference code {@code optimizers.DADAO_optimizer}, arXiv 2208.00779). They depend only on
 * L, μ and χ1[Λ] of the rate-weighted Laplacian:
 *
 * <pre>
 * ν = μ/2        η = η̃ = ⅛√(ν/L)   α = ¼√(ν/L)   α̃ = ⅛√(ν/L)   θ = ½√(L/ν)
 * γ = 1/(4L)     γ̃ = 1/(4√(Lν))    δ = ¼√(ν/L)   δ̃ = 1
 * β = ½          β̃ = 2·χ1[Λ]·√(L/ν)
 * </pre>
 */
public record DadaoConstants(double nu, double eta, double etaTilde, double alpha, double alphaTilde,
    double theta, double gamma, double gammaTilde, double delta, double deltaTilde, double beta,
    double betaTilde) {

  public static DadaoConstants of(double smoothness, double strongConvexity, double chi1) {
    double l = smoothness;
    double nu = strongConvexity / 2;
    double r = Math.sqrt(nu / l);
    return new DadaoConstants(nu, r / 8, r / 8, r / 4, r / 8, 0.5 / r, 1 / (4 * l), 1 / (4 * Math.sqrt(l * nu)),
        r / 4, 1, 0.5, 2 * chi1 / r);
  }

  /**
   * The flow matrix M of ds/dt = M·s per coordinate, s = (x, x̃, y, ỹ, z, z̃):
   * dx = η(x̃−x), dx̃ = η̃(x−x̃), dy = α(ỹ−y), dỹ = −θ(νx̃ + y + z), dz = α(z̃−z), dz̃ = α̃(z−z̃).
   */
  public double[][] flowMatrix() {
    return new double[][] {
        {-eta, eta, 0, 0, 0, 0},
        {etaTilde, -etaTilde, 0, 0, 0, 0},
        {0, 0, -alpha, alpha, 0, 0},
        {0, -theta * nu, -theta, 0, -theta, 0},
        {0, 0, 0, 0, -alpha, alpha},
        {0, 0, 0, 0, alphaTilde, -alphaTilde},
    };
  }
}
