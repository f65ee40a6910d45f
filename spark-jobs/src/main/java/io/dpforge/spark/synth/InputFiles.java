package io.dpforge.spark.synth;

import io.dpforge.dp.data.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The files an input path names, through Hadoop's file systems (local, HDFS, object stores): a file, a
 * directory of data files (names starting with {@code _} or {@code .} are skipped, as Spark writes
 * them), or a glob. Files are listed in name order, the order errors are reported in.
 *
 * @param given the path as the user wrote it (used in messages when it names one file)
 * @param files the data files, fully qualified
 */
record InputFiles(String given, List<String> files) {

  static InputFiles resolve(String input, Configuration conf) {
    try {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(path);
      if (matched == null || matched.length == 0) {
        throw new InvalidInputException("input file not found: " + input);
      }
      List<String> files = new ArrayList<>();
      for (FileStatus s : matched) {
        if (s.isDirectory()) {
          for (FileStatus child : fs.listStatus(s.getPath())) {
            if (child.isFile() && isData(child.getPath())) {
              files.add(child.getPath().toString());
            }
          }
        } else {
          files.add(s.getPath().toString());
        }
      }
      if (files.isEmpty()) {
        throw new InvalidInputException("input " + input + " holds no data files");
      }
      String[] sorted = files.toArray(new String[0]);
      Arrays.sort(sorted);
      return new InputFiles(input, List.of(sorted));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input " + input + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("input " + input + " is not a valid path: " + e.getMessage());
    }
  }

  /** Whether {@code input} names the local file system (no scheme, or {@code file:}). */
  static boolean isLocal(String input) {
    return input.startsWith("file:") || !input.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
  }

  private static boolean isData(Path p) {
    String name = p.getName();
    return !name.startsWith("_") && !name.startsWith(".");
  }

  /**
   * How messages name a file: the path as given when the input is one file, otherwise the path
   * without the {@code file:} scheme for local files.
   */
  String display(String file) {
    if (files.size() == 1) {
      return given;
    }
    Path p = new Path(file);
    return "file".equals(p.toUri().getScheme()) ? p.toUri().getPath() : file;
  }

  /** The files joined for Hadoop input formats, which take a comma-separated list. */
  String joined() {
    return String.join(",", files);
  }
}
