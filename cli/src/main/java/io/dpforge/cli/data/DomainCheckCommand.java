package io.dpforge.cli.data;

import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.data.ReadSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge domain check}: streams a CSV file against a domain and reports what it found. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check a CSV file against a domain spec, streaming (any file size). Reports rows read,"
        + " kept, clipped and dropped; the first invalid value names file, line and column.")
public final class DomainCheckCommand extends JsonCommand {
  @Option(names = "--input", required = true, description = "CSV file with a header row (plain or gzip).")
  Path input;

  @Option(names = "--domain", required = true, description = "Domain spec (JSON).")
  Path domain;

  @Option(names = "--on-invalid", defaultValue = "error",
      description = "What to do with values outside the domain: error, clip or drop (default: ${DEFAULT-VALUE}).")
  String onInvalid;

  @Mixin
  DelimiterOption delimiter;

  @Override
  protected Map<String, Object> execute(Console console) {
    Domain d = Domain.read(domain);
    InvalidValuePolicy policy = InvalidValuePolicy.parse(onInvalid);
    ReadSummary s = CsvTableReader.builder(d).delimiter(delimiter.delimiter()).onInvalid(policy).build()
        .stream(input, row -> { });
    console.printf("%s: %,d rows read, %,d kept, %,d clipped, %,d dropped (--on-invalid %s)%n", input,
        s.rowsRead(), s.rowsKept(), s.rowsClipped(), s.rowsDropped(), policy.cliName());
    if (!s.ignoredColumns().isEmpty()) {
      console.warn("columns not in the domain (ignored): " + String.join(", ", s.ignoredColumns()));
    }
    if (!s.firstProblem().isEmpty()) {
      console.warn("first invalid value: " + s.firstProblem());
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("rows_read", s.rowsRead());
    r.put("rows_kept", s.rowsKept());
    r.put("rows_clipped", s.rowsClipped());
    r.put("rows_dropped", s.rowsDropped());
    r.put("ignored_columns", s.ignoredColumns());
    r.put("first_problem", s.firstProblem());
    return r;
  }
}
