package io.dpforge.cli.continual;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.continual.BltMechanism;
import io.dpforge.dp.continual.CounterMechanism;
import io.dpforge.dp.continual.CounterMechanisms;
import io.dpforge.dp.continual.FactorizationBounds;
import io.dpforge.dp.continual.SmoothBinaryMechanism;
import io.dpforge.dp.continual.StateSize;
import io.dpforge.dp.continual.VarianceSummary;
import io.dpforge.dp.data.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dpforge continual analyze}: the exact variance coefficients of counters at a horizon, beside
 * the two yardsticks (the square root's V_max and the factorization lower bound on V_mean).
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Exact error of continual counters at horizon T: V_max and V_mean (variance at rho = 1/2"
        + " zCDP with unit sensitivity; divide by 2*rho for other rho), their ratios to the square root's"
        + " V_max and to the lower bound on V_mean of any factorization, and the state kept per stream.")
public final class ContinualAnalyzeCommand extends JsonCommand {
  static final List<String> ALL = List.of("tree", "honaker", "smooth", "sqrt", "blt:1", "blt:2", "blt:3", "blt:4",
      "blt:5");

  @Option(names = "--mechanism", defaultValue = "all", split = ",",
      description = "tree, honaker, smooth, sqrt, blt or blt:m (m buffers); a comma list or 'all'"
          + " (default: ${DEFAULT-VALUE}).")
  List<String> mechanisms;

  @Option(names = "--horizon", required = true, converter = HorizonConverter.class,
      description = "Horizon T, the number of releases (e.g. 1048576 or 2^20).")
  long horizon;

  @Override
  protected Map<String, Object> execute(Console console) {
    List<String> names = mechanisms.size() == 1 && mechanisms.get(0).equals("all") ? ALL : mechanisms;
    double optimalMax = FactorizationBounds.optimalMaxVariance(horizon);
    double meanBound = FactorizationBounds.meanVarianceLowerBound(horizon);
    console.printf("Continual counters at T = %,d (Gaussian, unit sensitivity, rho = 1/2; Laplace: Var*eps^2)%n%n",
        horizon);
    console.printf("| mechanism | V_max | V_mean | V_max / %.2f | V_mean / %.2f | Laplace Var*eps^2 max / mean"
        + " | state per stream |%n", optimalMax, meanBound);
    console.println("|---|---:|---:|---:|---:|---:|---|");
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String name : names) {
      CounterMechanism m;
      try {
        m = CounterMechanisms.parse(name, horizon);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("--mechanism: " + e.getMessage());
      }
      Map<String, Object> row = describe(m, optimalMax, meanBound);
      rows.add(row);
      console.printf("| %s | %.2f | %.2f | %.3f | %.3f | %s | %s |%n", m.name(), row.get("var_max"),
          row.get("var_mean"), row.get("var_max_ratio"), row.get("var_mean_ratio"), laplaceCell(row),
          m.stateSize().maxSavedBytes() + " B: " + m.stateSize().description());
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("horizon", horizon);
    r.put("sqrt_var_max", optimalMax);
    r.put("var_mean_lower_bound", meanBound);
    r.put("mechanisms", rows);
    return r;
  }

  private static String laplaceCell(Map<String, Object> row) {
    Object max = row.get("laplace_var_max");
    return max == null ? "—" : String.format("%,.0f / %,.0f", max, row.get("laplace_var_mean"));
  }

  static Map<String, Object> describe(CounterMechanism m, double optimalMax, double meanBound) {
    VarianceSummary v = m.varianceSummary();
    StateSize state = m.stateSize();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("mechanism", m.name());
    row.put("var_max", v.max());
    row.put("var_mean", v.mean());
    row.put("var_max_ratio", v.max() / optimalMax);
    row.put("var_mean_ratio", v.mean() / meanBound);
    row.put("l2_sensitivity_squared", m.sensitivitySquared());
    if (m.l1Sensitivity().isPresent()) {
      // Laplace node noise of scale Δ₁/ε has variance 2Δ₁²/ε²; V_t/Δ² is the row norm.
      double perRow = 2 * Math.pow(m.l1Sensitivity().getAsDouble(), 2) / m.sensitivitySquared();
      row.put("laplace_var_max", perRow * v.max());
      row.put("laplace_var_mean", perRow * v.mean());
    }
    row.put("state_bytes", state.maxSavedBytes());
    row.put("working_bytes", state.workingBytes());
    row.put("memory", state.description());
    if (m instanceof BltMechanism blt) {
      row.put("blt_decays", blt.parameters().decays());
      row.put("blt_scales", blt.parameters().scales());
    }
    if (m instanceof SmoothBinaryMechanism smooth) {
      row.put("tree_height", smooth.height());
      row.put("label_ones", smooth.ones());
    }
    return row;
  }
}
