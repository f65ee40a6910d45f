package io.dpforge.cli.continual;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses an instant ({@code 2024-01-01T00:00:00Z}) or a date, taken as midnight UTC. */
public final class InstantConverter implements ITypeConverter<Instant> {
  @Override
  public Instant convert(String value) {
    String v = value.trim();
    try {
      return v.contains("T") ? Instant.parse(v) : LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (RuntimeException e) {
      throw new TypeConversionException("expected an instant like 2024-01-01T00:00:00Z or a date like 2024-01-01,"
          + " got '" + value + "'");
    }
  }
}
