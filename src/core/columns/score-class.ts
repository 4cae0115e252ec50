// The classes of exact scores, as both engines and the columns number them.
/** Integer classes: every big negative < every fitting score < every big positive. */
export const CLASS_BIG_NEGATIVE = 0;
export const CLASS_FIT = 1;
export const CLASS_BIG_POSITIVE = 2;
/**
 * Decimal scores (--decimal: a fraction or an exponent, not zero), by sign: they fall anywhere
 * among the integers, so a comparison with one is by value (decimal-score.ts compareExact).
 */
export const CLASS_DECIMAL_NEGATIVE = 3;
export const CLASS_DECIMAL_POSITIVE = 4;
