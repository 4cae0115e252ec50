'use strict';
// Printing and reading the winners JSON, so that contenders print exactly what `highest` prints
// and the benchmark compares everyone by (score, id) in order.

/** Same text as highest's output: JSON.stringify(value, null, 2) layout, or one line. */
function formatWinners(winners, compact = false) {
  if (winners.length === 0) return '[]\n';
  if (compact) return `[${winners.map((w) => `{"score":${w.score},"id":${w.id}}`).join(',')}]\n`;
  const items = winners.map((w) => `  {\n    "score": ${w.score},\n    "id": ${w.id}\n  }`);
  return `[\n${items.join(',\n')}\n]\n`;
}

/** A canonical id text (so "a\u0062" and "ab" compare equal); numbers keep their digits. */
function canonicalId(idText) {
  const trimmed = idText.trim();
  return trimmed.startsWith('"') ? JSON.stringify(JSON.parse(trimmed)) : trimmed;
}

/** A canonical score text: no '+', no leading zeros, -0 → 0 (scores may exceed 2^53). */
function canonicalScore(text) {
  return BigInt(text.trim()).toString();
}

/**
 * [{score, id}] from a JSON array printed by highest or a contender. Parsed with a regex rather
 * than JSON.parse so scores beyond 2^53 keep all their digits.
 */
function parseWinnersJson(text) {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) throw new Error(`not a JSON array: ${trimmed.slice(0, 80)}`);
  const re = /\{\s*"score"\s*:\s*(-?\d+)\s*,\s*"id"\s*:\s*("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*)\s*\}/g;
  const winners = [];
  for (const m of trimmed.matchAll(re)) winners.push({ score: canonicalScore(m[1]), id: canonicalId(m[2]) });
  JSON.parse(trimmed); // still must be valid JSON as a whole
  return winners;
}

/** [{score, id}] from raw input lines "<score>:<record>" (what `sort | head` prints). */
function parseWinnersLines(text) {
  const winners = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    const record = JSON.parse(line.slice(colon + 1));
    winners.push({ score: canonicalScore(line.slice(0, colon)), id: canonicalId(JSON.stringify(record.id)) });
  }
  return winners;
}

/** null when equal, else a short description of the first difference. */
function compareWinners(expected, actual) {
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const e = expected[i];
    const a = actual[i];
    if (!e || !a || e.score !== a.score || e.id !== a.id) {
      const show = (w) => (w ? `${w.score} ${w.id}` : 'nothing');
      return `#${i + 1}: expected ${show(e)}, got ${show(a)} (${actual.length} vs ${expected.length} winners)`;
    }
  }
  return null;
}

module.exports = { formatWinners, parseWinnersJson, parseWinnersLines, compareWinners };
