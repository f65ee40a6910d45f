package io.dpforge.dp.data;

final class ColumnNames {
  private ColumnNames() {}

  static String check(String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("every column needs a non-empty 'name'");
    }
    return name;
  }
}
