package io.dpforge.dp.continual;

/**
 * The integer noise of one stream, one draw per noise coordinate (a tree node, or a step). A draw must
 * be a pure function of the coordinate: asking twice gives the same value. That is what makes a
 * replayed step release the same value, and lets a stream recompute a node's noise instead of storing it
 * (research brief §d.3, rule 4).
 */
@FunctionalInterface
public interface NoiseDraws {
  /** The draw for {@code coordinate}, in units of the stream's {@link NoiseGrid}. */
  long draw(long coordinate);
}
