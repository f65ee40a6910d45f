package io.dpforge.cli.fl;

import io.dpforge.client.data.FashionMnist;
import java.nio.file.Path;

/** Where Fashion-MNIST comes from: {@code --data DIR}, else the documented property or variable. */
final class FashionMnistData {
  private FashionMnistData() {}

  static FashionMnist.Split load(Path dir) {
    return dir != null ? FashionMnist.load(dir) : FashionMnist.load();
  }
}
