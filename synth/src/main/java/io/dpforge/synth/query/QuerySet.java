package io.dpforge.synth.query;

import java.io.Serializable;

/**
 * A group of counting queries measured together (a "workload" in Private-GSD's code, Liu et al. 2023,
 * §3). Every query set in dpforge is a <em>partition-like</em> set: a row satisfies at most one of its
 * queries, reported by {@link #cell}. Hence adding or removing one row changes the set's count vector
 * by one in one cell (L2 sensitivity 1), and replacing a row changes it by at most two cells by one
 * (L2 sensitivity √2); the mechanism relies on exactly this.
 *
 * <p>That single-cell property is also what makes the genetic algorithm's scoring incremental: a row
 * edit moves at most one count out of one cell and into another, per query set.
 */
public sealed interface QuerySet extends Serializable permits Marginal, PrefixQueries, HalfspaceQueries {

  QueryClass queryClass();

  /** A readable, unique name, e.g. {@code marginal(region,wage)} or {@code range(wage/4,smsa)}. */
  String name();

  /** Number of queries (cells) in the set. */
  int size();

  /** The columns the set reads, in increasing order. */
  int[] columns();

  /** True when the set reads {@code column}; a row edit elsewhere cannot change its answers. */
  boolean reads(int column);

  /** Index of the query the row satisfies, or -1 when it satisfies none. */
  int cell(RowView row);

  /** Human labels of the cells, for reports (e.g. {@code "south|yes"}). */
  String cellLabel(int cell);
}
