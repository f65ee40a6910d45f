package io.dpforge.dp.continual;

/**
 * One step's release for a stream of binary vectors.
 *
 * @param maxSum m̂_t, the released estimate of the largest column sum
 * @param selectedColumn ĵ_t, the released column (-1 when the problem is MAX_SUM under lazy refresh)
 */
public record ColumnSumOutput(double maxSum, int selectedColumn) {}
