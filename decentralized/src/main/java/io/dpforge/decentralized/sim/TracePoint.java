package io.dpforge.decentralized.sim;

/**
 * The network's progress at one time.
 *
 * @param time time units since the start
 * @param gradients gradient events so far
 * @param communications edge exchanges so far
 * @param error (1/n) Σ_i ‖x_i − x*‖²
 */
public record TracePoint(double time, long gradients, long communications, double error) {}
