package io.dpforge.spark.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.data.RowEncoder;
import io.dpforge.synth.query.Workload;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Parquet input read by Spark's Parquet reader. Values are validated exactly as CSV cells are (their
 * text form goes through the same {@link RowEncoder}), so a categorical column may be stored as
 * strings, integers or booleans as long as their text is a value of the domain. Parquet has no lines:
 * errors name the file and the column.
 */
final class ParquetSource implements TableSource {
  private static final String FILE_COLUMN = "_metadata.file_path";

  private final SparkSession spark;
  private final InputFiles files;
  private final Domain domain;
  private final RowEncoder fileEncoder;
  private final RowEncoder selectedEncoder;

  private ParquetSource(SparkSession spark, InputFiles files, Domain domain, RowEncoder fileEncoder,
      RowEncoder selectedEncoder) {
    this.spark = spark;
    this.files = files;
    this.domain = domain;
    this.fileEncoder = fileEncoder;
    this.selectedEncoder = selectedEncoder;
  }

  /** Reads the schema and matches its columns to the domain. */
  static ParquetSource open(SparkSession spark, InputFiles files, Domain domain, InvalidValuePolicy policy) {
    String[] columns = frame(spark, files).columns();
    RowEncoder fileEncoder = RowEncoder.forHeader(domain, columns, files.given(), ',', policy);
    // Rows are selected in domain order, so the encoder used in the tasks reads column c at position c.
    RowEncoder selected = RowEncoder.forHeader(domain, domain.names().toArray(new String[0]), files.given(), ',',
        policy);
    return new ParquetSource(spark, files, domain, fileEncoder, selected);
  }

  private static Dataset<Row> frame(SparkSession spark, InputFiles files) {
    return spark.read().parquet(files.files().toArray(new String[0]));
  }

  @Override
  public InputFormat format() {
    return InputFormat.PARQUET;
  }

  @Override
  public int files() {
    return files.files().size();
  }

  @Override
  public List<String> ignoredColumns() {
    return fileEncoder.ignoredColumns();
  }

  @Override
  public JavaRDD<PartitionTally> tally(Broadcast<Workload> workload) {
    List<String> names = domain.names();
    Column[] select = new Column[names.size() + 1];
    for (int c = 0; c < names.size(); c++) {
      select[c] = functions.col("`" + names.get(c) + "`");
    }
    select[names.size()] = functions.col(FILE_COLUMN);
    // Parts follow Spark's file splits; repartitioning to more would shuffle rows, which this job never does.
    JavaRDD<Row> rows = frame(spark, files).select(select).javaRDD();
    RowEncoder encoder = selectedEncoder;
    int width = names.size();
    return rows.mapPartitions(it -> {
      RowTally tally = new RowTally(workload.value());
      String[] fields = new String[width];
      long index = 0;
      while (it.hasNext()) {
        Row r = it.next();
        for (int c = 0; c < width; c++) {
          fields[c] = text(r.get(c));
        }
        if (!tally.offer(encoder, fields, r.getString(width), index++, -1, false)) {
          break;
        }
      }
      return List.of(tally.finish()).iterator();
    });
  }

  /** The text form of a Parquet value, as a CSV cell would hold it (null stays null: an empty value). */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();
  }

  @Override
  public String locate(RowProblem problem) {
    return files.display(problem.file());
  }
}
