package io.dpforge.spark.synth;

import io.dpforge.dp.data.Column;
import io.dpforge.dp.data.CsvTableWriter;
import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.EncodedTable;
import io.dpforge.dp.data.NumericColumn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes the synthetic table (public: it is made from noisy answers only). CSV is written by the
 * driver; Parquet by Spark, as one part file in a directory. Columns keep the domain's order and names;
 * categorical and ordinal columns hold their value labels, numeric ones their numbers (integers where
 * the domain says so).
 */
final class SyntheticWriter {
  private SyntheticWriter() {}

  static void write(EncodedTable table, OutputFormat format, Path target, SparkSession spark) {
    if (format == OutputFormat.CSV) {
      CsvTableWriter.write(table, target);
      return;
    }
    Domain domain = table.domain();
    List<Row> rows = new ArrayList<>(table.rows());
    for (int r = 0; r < table.rows(); r++) {
      Object[] values = new Object[domain.size()];
      for (int c = 0; c < domain.size(); c++) {
        Column col = domain.column(c);
        if (col instanceof DiscreteColumn) {
          values[c] = table.label(r, c);
        } else {
          double v = table.number(r, c);
          values[c] = ((NumericColumn) col).integer() ? (Object) Math.round(v) : (Object) v;
        }
      }
      rows.add(RowFactory.create(values));
    }
    spark.createDataFrame(rows, schema(domain)).coalesce(1).write().parquet(target.toUri().toString());
  }

  static StructType schema(Domain domain) {
    List<StructField> fields = new ArrayList<>();
    for (Column c : domain.columns()) {
      DataType type = c instanceof DiscreteColumn ? DataTypes.StringType
          : ((NumericColumn) c).integer() ? DataTypes.LongType : DataTypes.DoubleType;
      fields.add(DataTypes.createStructField(c.name(), type, false));
    }
    return DataTypes.createStructType(fields);
  }
}
