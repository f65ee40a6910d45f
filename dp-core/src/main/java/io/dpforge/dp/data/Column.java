package io.dpforge.dp.data;

/**
 * One column of a public domain. The domain is public knowledge: value lists and bounds are inputs
 * chosen by the data owner (or published elsewhere), never read off the private data without paying
 * privacy for them.
 */
public sealed interface Column extends java.io.Serializable permits DiscreteColumn, NumericColumn {

  /** Column name as it appears in the CSV header. */
  String name();

  /** The type word used in the domain JSON: {@code categorical}, {@code ordinal} or {@code numeric}. */
  String typeName();

  /** A short human description of the allowed values, used in error messages. */
  String describeDomain();
}
