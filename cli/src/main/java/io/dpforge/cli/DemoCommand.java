package io.dpforge.cli;

import io.dpforge.dp.data.Column;
import io.dpforge.dp.data.CsvTableReader;
import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.NumericColumn;
import io.dpforge.dp.data.ReadSummary;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code dpforge demo}: runs the product on the bundled sample with embedded defaults. Today it loads
 * and validates the bundled CPS 1988 table against its public domain; each capability adds its step
 * here as it lands.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run dpforge on the bundled CPS 1988 sample with embedded defaults.")
public final class DemoCommand extends JsonCommand {

  @Override
  protected Map<String, Object> execute(Console console) {
    Path csv = Samples.csv(Samples.CPS1988);
    Domain domain = Domain.read(Samples.domain(Samples.CPS1988));
    console.println("dpforge demo: bundled sample " + csv);
    ReadSummary s = CsvTableReader.builder(domain).build().stream(csv, row -> { });
    console.printf("validated %,d rows against the public domain (%d columns):%n", s.rowsKept(), domain.size());
    for (Column c : domain.columns()) {
      String size = c instanceof DiscreteColumn d ? d.size() + " values"
          : ((NumericColumn) c).bins() + " default bins";
      console.printf("  %-12s %-12s %s (%s)%n", c.name(), c.typeName(), c.describeDomain(), size);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("sample", csv.toString());
    r.put("rows", s.rowsKept());
    r.put("columns", domain.names());
    return r;
  }
}
