package io.dpforge.client.data;

import java.util.Arrays;

/**
 * Labelled examples for classification: a row-major feature matrix (one row of {@link #dimension()}
 * doubles per example) and an integer label in [0, classes) per example.
 *
 * <p>Immutable by contract: {@link #slice} returns a view that shares the arrays (no copy), so the whole
 * training set can be handed to a compute backend in contiguous blocks; {@link #select} copies the
 * chosen rows into a new contiguous dataset (a minibatch). Callers never modify the arrays they read
 * through {@link #featureArray()}.
 */
public final class Dataset {
  private final double[] features;
  private final int[] labels;
  private final int offset;
  private final int size;
  private final int dimension;
  private final int classes;

  private Dataset(double[] features, int[] labels, int offset, int size, int dimension, int classes) {
    this.features = features;
    this.labels = labels;
    this.offset = offset;
    this.size = size;
    this.dimension = dimension;
    this.classes = classes;
  }

  /**
   * Wraps the arrays (not copied).
   *
   * @param features {@code labels.length × dimension} values, row-major
   * @param labels class of each example, each in [0, classes)
   */
  public static Dataset of(double[] features, int[] labels, int dimension, int classes) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("classes must be >= 2, got " + classes);
    }
    if ((long) labels.length * dimension != features.length) {
      throw new IllegalArgumentException("features hold " + features.length + " values, expected "
          + labels.length + " examples × " + dimension);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "label of example " + i + " is " + labels[i] + ", expected 0.." + (classes - 1));
      }
    }
    return new Dataset(features, labels, 0, labels.length, dimension, classes);
  }

  public int size() {
    return size;
  }

  /** Features per example. */
  public int dimension() {
    return dimension;
  }

  public int classes() {
    return classes;
  }

  public int label(int i) {
    return labels[offset + checkIndex(i)];
  }

  public double feature(int i, int j) {
    return features[(offset + checkIndex(i)) * dimension + j];
  }

  /** The backing feature array; example i starts at {@code featureOffset() + i·dimension()}. */
  public double[] featureArray() {
    return features;
  }

  /** Index in {@link #featureArray()} of example 0's first feature. */
  public int featureOffset() {
    return offset * dimension;
  }

  /** The backing label array; example i's label is at {@code labelOffset() + i}. */
  public int[] labelArray() {
    return labels;
  }

  public int labelOffset() {
    return offset;
  }

  /** Examples [from, to) as a view sharing this dataset's arrays. */
  public Dataset slice(int from, int to) {
    if (from < 0 || to > size || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size + " examples");
    }
    return new Dataset(features, labels, offset + from, to - from, dimension, classes);
  }

  /** A new contiguous dataset holding the examples {@code rows[0..count)}, in that order. */
  public Dataset select(int[] rows, int count) {
    double[] f = new double[count * dimension];
    int[] l = new int[count];
    for (int i = 0; i < count; i++) {
      int r = offset + checkIndex(rows[i]);
      System.arraycopy(features, r * dimension, f, i * dimension, dimension);
      l[i] = labels[r];
    }
    return new Dataset(f, l, 0, count, dimension, classes);
  }

  public Dataset select(int[] rows) {
    return select(rows, rows.length);
  }

  /** Number of examples of each class. */
  public int[] classCounts() {
    int[] counts = new int[classes];
    for (int i = 0; i < size; i++) {
      counts[labels[offset + i]]++;
    }
    return counts;
  }

  private int checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("example " + i + " of " + size);
    }
    return i;
  }

  @Override
  public String toString() {
    return "Dataset[" + size + " examples × " + dimension + " features, " + classes + " classes, counts "
        + Arrays.toString(classCounts()) + "]";
  }
}
