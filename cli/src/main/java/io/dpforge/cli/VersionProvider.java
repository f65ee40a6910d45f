package io.dpforge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reports the version the build stamped into {@code version.properties}. */
public final class VersionProvider implements IVersionProvider {

  /** The software version, e.g. {@code 0.1.0-SNAPSHOT}; recorded in every output's metadata. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {"dpforge " + version(), "Java " + Runtime.version()};
  }
}
