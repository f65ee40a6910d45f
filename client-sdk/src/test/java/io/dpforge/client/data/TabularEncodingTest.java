package io.dpforge.client.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dpforge.dp.data.DiscreteColumn;
import io.dpforge.dp.data.Domain;
import io.dpforge.dp.data.InvalidInputException;
import io.dpforge.dp.data.InvalidValuePolicy;
import io.dpforge.dp.data.NumericColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TabularEncodingTest {
  @TempDir
  Path dir;

  private static Domain domain() {
    return new Domain(List.of(
        NumericColumn.withBins("age", 20, 60, true, 4),
        DiscreteColumn.categorical("region", List.of("north", "south", "west")),
        DiscreteColumn.categorical("parttime", List.of("no", "yes"))));
  }

  @Test
  void oneHotAndPublicBoundScaling() throws IOException {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "region,age,parttime\nsouth,30,yes\nwest,60,no\nnorth,20,no\n");
    Dataset data = TabularEncoding.read(csv, domain(), "parttime", InvalidValuePolicy.ERROR);
    assertEquals(3, data.size());
    assertEquals(4, data.dimension());
    assertEquals(2, data.classes());
    assertEquals(List.of("age", "region=north", "region=south", "region=west"),
        new TabularEncoding(domain(), "parttime").featureNames());
    double[] row0 = {data.feature(0, 0), data.feature(0, 1), data.feature(0, 2), data.feature(0, 3)};
    assertArrayEquals(new double[] {0.25, 0, 1, 0}, row0, 1e-15);
    assertEquals(1.0, data.feature(1, 0), 0.0);
    assertEquals(1.0, data.feature(1, 3), 0.0);
    assertArrayEquals(new int[] {1, 0, 0}, new int[] {data.label(0), data.label(1), data.label(2)});
  }

  @Test
  void targetMustBeADiscreteDomainColumn() {
    InvalidInputException numeric = assertThrows(InvalidInputException.class,
        () -> new TabularEncoding(domain(), "age"));
    assertTrue(numeric.getMessage().contains("must be categorical or ordinal"), numeric.getMessage());
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> new TabularEncoding(domain(), "wage"));
    assertTrue(missing.getMessage().contains("[age, region, parttime]"), missing.getMessage());
  }
}
