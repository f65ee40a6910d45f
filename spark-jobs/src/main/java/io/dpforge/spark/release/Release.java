package io.dpforge.spark.release;

/**
 * One released row, unique per (key, tick): the noisy running count of the key through the end of the
 * tick, and its post-processed form (rounded, clamped at 0). A Spark bean.
 */
public class Release extends KeyTick {
  private String tickStart;
  private double noisyCount;
  private long count;
  private String noise;

  public Release() {}

  public Release(String key, long tick, String tickStart, double noisyCount, long count, String noise) {
    super(key, tick);
    this.tickStart = tickStart;
    this.noisyCount = noisyCount;
    this.count = count;
    this.noise = noise;
  }

  public String getTickStart() {
    return tickStart;
  }

  public void setTickStart(String tickStart) {
    this.tickStart = tickStart;
  }

  /** The raw release: exact running count + correlated noise. */
  public double getNoisyCount() {
    return noisyCount;
  }

  public void setNoisyCount(double noisyCount) {
    this.noisyCount = noisyCount;
  }

  /** Post-processing of the raw release: rounded and clamped at 0. */
  public long getCount() {
    return count;
  }

  public void setCount(long count) {
    this.count = count;
  }

  /** Where the noise came from: "private" or a "NOT PRIVATE" seeded label. */
  public String getNoise() {
    return noise;
  }

  public void setNoise(String noise) {
    this.noise = noise;
  }
}
