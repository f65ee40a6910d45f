package io.dpforge.dp.data;

/**
 * Bad input from a user: a file, line or field that does not match what was expected. The message
 * names the place and the expectation, so a command can show it as is and exit with a non-zero code.
 */
public final class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
