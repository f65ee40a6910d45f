package io.dpforge.dp.ledger;

import io.dpforge.dp.accounting.RdpCurve;
import java.time.Instant;

/**
 * One recorded release.
 *
 * @param sequence 1 for the first release of the ledger, then 2, 3, …
 * @param time when the budget was spent (before the noisy value existed)
 * @param mechanism which mechanism released
 * @param released what was released, in words
 * @param sensitivity the sensitivity the noise was calibrated to (NaN when not applicable)
 * @param noiseScale σ, the Laplace scale, or the selection ε (NaN when not applicable)
 * @param cost the privacy cost
 * @param randomness the source of the noise; says "NOT PRIVATE" for seeded sources
 * @param privateRandomness whether that source was private
 */
public record LedgerEntry(long sequence, Instant time, String mechanism, String released, double sensitivity,
    double noiseScale, RdpCurve cost, String randomness, boolean privateRandomness) {}
