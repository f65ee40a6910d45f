package io.dpforge.spark.synth;

import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.data.RowEncoder;
import io.dpforge.synth.query.Workload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaHadoopRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * CSV input read as lines by Hadoop's {@code TextInputFormat}, so that every task knows the file and
 * the byte offset of each of its lines. That is what lets errors name a line number as the
 * single-machine reader does: a part that starts the file counts its lines; for a later part of an
 * uncompressed file the driver counts the line breaks before the offset, which it does only for the one
 * problem it reports. Each file's header is read on the driver first, so a file that lacks a domain
 * column fails before any task runs.
 */
final class CsvSource implements TableSource {
  private final JavaSparkContext jsc;
  private final InputFiles files;
  private final Map<String, RowEncoder> encoders;
  private final CsvLines lines;
  private final int minPartitions;

  private CsvSource(JavaSparkContext jsc, InputFiles files, Map<String, RowEncoder> encoders, CsvLines lines,
      int minPartitions) {
    this.jsc = jsc;
    this.files = files;
    this.encoders = encoders;
    this.lines = lines;
    this.minPartitions = minPartitions;
  }

  /** Reads every file's header and matches it to the domain. */
  static CsvSource open(JavaSparkContext jsc, InputFiles files, Domain domain, char delimiter,
      InvalidValuePolicy policy, int minPartitions) {
    return new CsvSource(jsc, files, encoders(jsc.hadoopConfiguration(), files, domain, delimiter, policy),
        new CsvLines(delimiter), minPartitions > 0 ? minPartitions : jsc.defaultMinPartitions());
  }

  /**
   * An encoder per file, made from its header.
   *
   * @throws InvalidInputException naming the file and line 1 when a header does not match the domain
   */
  static Map<String, RowEncoder> encoders(Configuration conf, InputFiles files, Domain domain, char delimiter,
      InvalidValuePolicy policy) {
    CsvLines lines = new CsvLines(delimiter);
    Map<String, RowEncoder> encoders = new LinkedHashMap<>();
    for (String file : files.files()) {
      String shown = files.display(file);
      encoders.put(file, RowEncoder.forHeader(domain, header(conf, file, shown, lines), shown, delimiter, policy));
    }
    return encoders;
  }

  private static String[] header(Configuration conf, String file, String shown, CsvLines lines) {
    Path path = new Path(file);
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(conf, path), StandardCharsets.UTF_8))) {
      String first = reader.readLine();
      String[] names = first == null ? null : lines.split(first);
      if (names == null) {
        throw new InvalidInputException(shown + ": file is empty, expected a header row naming the columns");
      }
      return names;
    } catch (CsvLines.MalformedLineException e) {
      throw new InvalidInputException(shown + " line 1" + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + shown + ": " + e.getMessage(), e);
    }
  }

  /** The file's content, decompressed by the codec its extension names (as TextInputFormat does). */
  private static InputStream open(Configuration conf, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(path);
    FSDataInputStream raw = fs.open(path);
    return codec == null ? raw : codec.createInputStream(raw);
  }

  @Override
  public InputFormat format() {
    return InputFormat.CSV;
  }

  @Override
  public int files() {
    return files.files().size();
  }

  @Override
  public List<String> ignoredColumns() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    encoders.values().forEach(e -> all.addAll(e.ignoredColumns()));
    return new ArrayList<>(all);
  }

  @Override
  public JavaRDD<PartitionTally> tally(Broadcast<Workload> workload) {
    Broadcast<Map<String, RowEncoder>> byFile = jsc.broadcast(encoders);
    CsvLines splitter = lines;
    @SuppressWarnings("unchecked")
    JavaHadoopRDD<LongWritable, Text> text = (JavaHadoopRDD<LongWritable, Text>) jsc.hadoopFile(files.joined(),
        TextInputFormat.class, LongWritable.class, Text.class, minPartitions);
    return text.mapPartitionsWithInputSplit((split, it) -> {
      FileSplit part = (FileSplit) split;
      String file = part.getPath().toString();
      boolean startsFile = part.getStart() == 0;
      RowEncoder encoder = byFile.value().get(file);
      RowTally tally = new RowTally(workload.value());
      tallyLines(it, file, startsFile, encoder, splitter, tally);
      return List.of(tally.finish()).iterator();
    }, false);
  }

  private static void tallyLines(Iterator<Tuple2<LongWritable, Text>> it, String file, boolean startsFile,
      RowEncoder encoder, CsvLines splitter, RowTally tally) {
    long line = 0;
    while (it.hasNext()) {
      Tuple2<LongWritable, Text> record = it.next();
      line++;
      if (startsFile && line == 1) {
        continue; // the header, read on the driver
      }
      long offset = record._1().get();
      String[] fields;
      try {
        fields = splitter.split(record._2().toString());
      } catch (CsvLines.MalformedLineException e) {
        tally.reject(file, offset, line, startsFile, e.getMessage());
        return;
      }
      if (fields != null && !tally.offer(encoder, fields, file, offset, line, startsFile)) {
        return;
      }
    }
  }

  /**
   * The line number of the problem: counted by its task when the task's part started the file,
   * otherwise one more than the line breaks before its byte offset (the file is then uncompressed,
   * since only uncompressed files are split).
   */
  @Override
  public String locate(RowProblem problem) {
    String shown = files.display(problem.file());
    if (problem.partStartsFile()) {
      return shown + " line " + problem.lineInPart();
    }
    Path path = new Path(problem.file());
    try (InputStream in = path.getFileSystem(jsc.hadoopConfiguration()).open(path)) {
      long breaks = 0;
      long left = problem.position();
      byte[] buffer = new byte[1 << 16];
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            breaks++;
          }
        }
        left -= n;
      }
      return shown + " line " + (breaks + 1);
    } catch (IOException e) {
      return shown + " at byte " + problem.position();
    }
  }
}
