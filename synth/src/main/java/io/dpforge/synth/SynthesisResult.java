package io.dpforge.synth;

import io.dpforge.dp.data.EncodedTable;
import io.dpforge.synth.mechanism.Measurements.NoisyAnswer;
import java.util.List;

/**
 * The output of a run: the synthetic table, the report, and the noisy answers it was fitted to (public,
 * for charts of measurements against the synthetic data).
 */
public record SynthesisResult(EncodedTable synthetic, SynthesisReport report, List<NoisyAnswer> noisyAnswers) {}
