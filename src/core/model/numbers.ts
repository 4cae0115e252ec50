// Constants of exact integer arithmetic on doubles, named once.

/** 2^32: a 64-bit score is high·2^32 + low. */
export const TWO_32 = 4294967296;
