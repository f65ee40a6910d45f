package io.dpforge.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dpforge.cli.Console;
import io.dpforge.cli.JsonCommand;
import io.dpforge.dp.data.DomainInference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dpforge domain infer}: drafts a domain from a data file, with the not-private warning. */
@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = "Draft a domain spec (JSON) from a CSV file. The draft is NOT differentially private:"
        + " review it and replace bounds read off the data with public ones.")
public final class DomainInferCommand extends JsonCommand {
  @Option(names = "--input", required = true, description = "CSV file with a header row (plain or gzip).")
  Path input;

  @Option(names = "--out", description = "Write the domain here (atomically) instead of printing it.")
  Path out;

  @Mixin
  DelimiterOption delimiter;

  @Override
  protected Map<String, Object> execute(Console console) throws Exception {
    DomainInference.Draft draft = DomainInference.infer(input, delimiter.delimiter());
    console.warn(DomainInference.WARNING);
    for (String note : draft.notes()) {
      console.warn("  - " + note);
    }
    if (out != null) {
      draft.domain().write(out);
      console.println("wrote " + out + " (" + draft.domain().size() + " columns, " + draft.rows() + " rows read)");
    } else {
      console.stream().print(draft.domain().toJson());
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("private", false);
    r.put("warning", DomainInference.WARNING);
    r.put("rows", draft.rows());
    r.put("notes", draft.notes());
    if (out != null) {
      r.put("out", out.toString());
    }
    r.put("domain", new ObjectMapper().readTree(draft.domain().toJson()));
    return r;
  }
}
