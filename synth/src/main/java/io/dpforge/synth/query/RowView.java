package io.dpforge.synth.query;

/**
 * Read access to one row for evaluating queries. {@link #code} is the value index of a discrete column
 * or the default-bin index of a numeric one ({@link DomainLayout}); {@link #value} is the exact real
 * value of a numeric column.
 */
public interface RowView {

  int code(int column);

  double value(int column);
}
