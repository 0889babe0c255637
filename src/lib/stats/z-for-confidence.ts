import { normalQuantile } from "./normal-quantile";

/**
 * The two-sided critical value z for a confidence level: 1.959964 for 0.95.
 *
 * Method: z = Φ⁻¹(1 - α/2) with α = 1 - confidence, computed as -Φ⁻¹(α/2) so that a level such
 * as 0.999 does not lose digits to 1 - 0.0005 (see {@link normalQuantile}).
 * The administrator sets the level, so it is an input, not the constant 1.96.
 *
 * Throws a RangeError unless 0 < confidence < 1.
 */
export function zForConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`zForConfidence: confidence must be between 0 and 1, got ${confidence}`);
  }
  return -normalQuantile((1 - confidence) / 2);
}
