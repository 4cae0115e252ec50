// The three classes of exact scores, as both engines and the columns number them.
/** Score classes, as both engines number them: every big negative < every fitting score < every big positive. */
export const CLASS_BIG_NEGATIVE = 0;
export const CLASS_FIT = 1;
export const CLASS_BIG_POSITIVE = 2;
