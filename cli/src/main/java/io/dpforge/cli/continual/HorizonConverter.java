package io.dpforge.cli.continual;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a horizon written as a number ({@code 1048576}) or a power of two ({@code 2^20}). */
public final class HorizonConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String v = value.trim().replace("_", "").replace(",", "");
    try {
      if (v.startsWith("2^")) {
        int exponent = Integer.parseInt(v.substring(2));
        if (exponent < 0 || exponent > 40) {
          throw new TypeConversionException("horizon 2^" + exponent + " is outside [2^0, 2^40]");
        }
        return 1L << exponent;
      }
      long t = Long.parseLong(v);
      if (t < 1) {
        throw new TypeConversionException("horizon must be at least 1, got " + value);
      }
      return t;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected a horizon like 1048576 or 2^20, got '" + value + "'");
    }
  }
}
