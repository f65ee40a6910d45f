package io.dpforge.client.data;

import io.dpforge.dp.data.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf 2017): 28×28 grey-scale images of 10 clothing classes, 60,000
 * for training and 10,000 for testing, in the four IDX files of the original distribution.
 *
 * <p>The data are not bundled. Their folder is given explicitly, or found through the system property
 * {@value #LOCATION_PROPERTY} or the environment variable {@value #LOCATION_ENV}.
 */
public final class FashionMnist {
  public static final String LOCATION_PROPERTY = "dpforge.fashionMnist";
  public static final String LOCATION_ENV = "DPFORGE_FASHION_MNIST";
  public static final int CLASSES = 10;
  public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
      "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private FashionMnist() {}

  /** Training and test sets, features are the 784 pixels scaled to [0, 1]. */
  public record Split(Dataset train, Dataset test) {}

  /** The folder named by {@value #LOCATION_PROPERTY} or {@value #LOCATION_ENV}; a clear error otherwise. */
  public static Path locate() {
    String location = System.getProperty(LOCATION_PROPERTY);
    if (location == null || location.isBlank()) {
      location = System.getenv(LOCATION_ENV);
    }
    if (location == null || location.isBlank()) {
      throw new InvalidInputException("Fashion-MNIST location not set: set the environment variable "
          + LOCATION_ENV + " (or the JVM property -D" + LOCATION_PROPERTY + ") to the folder holding "
          + "train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and "
          + "t10k-labels-idx1-ubyte.gz");
    }
    Path dir = Path.of(location);
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException("Fashion-MNIST location " + dir + " (from " + LOCATION_ENV + " or -D"
          + LOCATION_PROPERTY + ") is not a folder");
    }
    return dir;
  }

  /** Loads the folder found by {@link #locate()}. */
  public static Split load() {
    return load(locate());
  }

  /** Loads both splits from {@code dir} (files with or without the {@code .gz} suffix). */
  public static Split load(Path dir) {
    return new Split(read(dir, "train"), read(dir, "t10k"));
  }

  private static Dataset read(Path dir, String prefix) {
    Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
    Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
    IdxReader.Images images = IdxReader.readImages(imagesFile);
    int[] labels = IdxReader.readLabels(labelsFile);
    if (images.count() != labels.length) {
      throw new InvalidInputException(imagesFile + " holds " + images.count() + " images but " + labelsFile
          + " holds " + labels.length + " labels; expected the same count");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= CLASSES) {
        throw new InvalidInputException(labelsFile + ": label " + i + " is " + labels[i] + ", expected 0.."
            + (CLASSES - 1));
      }
    }
    return Dataset.of(images.pixels(), labels, images.pixelsPerImage(), CLASSES);
  }

  private static Path find(Path dir, String name) {
    Path gz = dir.resolve(name + ".gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    Path plain = dir.resolve(name);
    if (Files.isRegularFile(plain)) {
      return plain;
    }
    throw new InvalidInputException(dir + ": missing Fashion-MNIST file " + name + ".gz (or " + name + ")");
  }
}
