package io.dpforge.client.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  @TempDir
  Path dir;

  @Test
  void readsPlainAndGzipFiles() throws IOException {
    int[][] images = {{0, 255, 51, 102}, {255, 0, 0, 204}, {1, 2, 3, 4}};
    IdxFiles.writeImages(dir.resolve("img.gz"), images, 2, 2, true);
    IdxFiles.writeImages(dir.resolve("img"), images, 2, 2, false);
    IdxFiles.writeLabels(dir.resolve("lab.gz"), new int[] {9, 0, 200}, true);
    for (String name : new String[] {"img.gz", "img"}) {
      IdxReader.Images read = IdxReader.readImages(dir.resolve(name));
      assertEquals(3, read.count());
      assertEquals(4, read.pixelsPerImage());
      assertArrayEquals(new double[] {0, 1, 0.2, 0.4, 1, 0, 0, 0.8, 1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0},
          read.pixels(), 1e-15);
    }
    assertArrayEquals(new int[] {9, 0, 200}, IdxReader.readLabels(dir.resolve("lab.gz")));
  }

  @Test
  void malformedFilesAreReportedWithTheirPath() throws IOException {
    Path labels = dir.resolve("labels");
    IdxFiles.writeLabels(labels, new int[] {1, 2}, false);
    InvalidInputException wrongKind = assertThrows(InvalidInputException.class, () -> IdxReader.readImages(labels));
    assertTrue(wrongKind.getMessage().contains(labels.toString()), wrongKind.getMessage());
    assertTrue(wrongKind.getMessage().contains("expected 2051"), wrongKind.getMessage());

    byte[] full = Files.readAllBytes(labels);
    Path truncated = dir.resolve("truncated");
    Files.write(truncated, Arrays.copyOf(full, full.length - 1));
    InvalidInputException shortFile = assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(truncated));
    assertTrue(shortFile.getMessage().contains("truncated"), shortFile.getMessage());

    Path longer = dir.resolve("longer");
    Files.write(longer, Arrays.copyOf(full, full.length + 3));
    assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(longer));
    assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(dir.resolve("missing")));
  }

  @Test
  void loadsAFashionMnistFolderAndChecksCounts() throws IOException {
    int[][] train = {{0, 0, 0, 255}, {255, 255, 255, 255}, {10, 20, 30, 40}};
    IdxFiles.writeImages(dir.resolve("train-images-idx3-ubyte.gz"), train, 2, 2, true);
    IdxFiles.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {3, 9, 0}, true);
    IdxFiles.writeImages(dir.resolve("t10k-images-idx3-ubyte"), new int[][] {{1, 1, 1, 1}}, 2, 2, false);
    IdxFiles.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {7}, false);
    FashionMnist.Split split = FashionMnist.load(dir);
    assertEquals(3, split.train().size());
    assertEquals(4, split.train().dimension());
    assertEquals(10, split.train().classes());
    assertEquals(9, split.train().label(1));
    assertEquals(1.0, split.train().feature(0, 3), 0.0);
    assertEquals(7, split.test().label(0));

    IdxFiles.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {7, 1}, false);
    InvalidInputException mismatch = assertThrows(InvalidInputException.class, () -> FashionMnist.load(dir));
    assertTrue(mismatch.getMessage().contains("1 images but"), mismatch.getMessage());

    IdxFiles.writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {12}, false);
    assertThrows(InvalidInputException.class, () -> FashionMnist.load(dir));
  }

  @Test
  void aMissingLocationGivesAnErrorNamingTheSetting() {
    String old = System.getProperty(FashionMnist.LOCATION_PROPERTY);
    try {
      System.setProperty(FashionMnist.LOCATION_PROPERTY, dir.resolve("nowhere").toString());
      InvalidInputException e = assertThrows(InvalidInputException.class, FashionMnist::locate);
      assertTrue(e.getMessage().contains(FashionMnist.LOCATION_ENV), e.getMessage());
      System.setProperty(FashionMnist.LOCATION_PROPERTY, dir.toString());
      assertEquals(dir, FashionMnist.locate());
      InvalidInputException missingFiles = assertThrows(InvalidInputException.class, FashionMnist::load);
      assertTrue(missingFiles.getMessage().contains("train-images-idx3-ubyte.gz"), missingFiles.getMessage());
    } finally {
      if (old == null) {
        System.clearProperty(FashionMnist.LOCATION_PROPERTY);
      } else {
        System.setProperty(FashionMnist.LOCATION_PROPERTY, old);
      }
    }
  }
}
