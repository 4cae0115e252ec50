'use strict';
// A hand-made horizontal bar chart (no libraries): MB/s per contender, one bar per count, on a
// linear axis so the bars compare honestly; every bar carries its value, so even short bars
// can be read. Several suites (sections) share one axis, each under its own heading.

const COLORS = { 5: '#2f6fb0', 10: '#7b4fb0', 10000: '#e08a1e', all: '#2e8b57', floor: '#8a8a8a' };
const LEGEND = { 5: 'N = 5', 10: 'N = 10', 10000: 'N = 10,000', all: 'N = all records', floor: 'floor (reads the input only)' };
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A "nice" axis maximum and tick step above `max`. */
function niceScale(max) {
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw);
  return { step, top: Math.ceil(max / step) * step };
}

/**
 * sections: [{ heading, groups }] (or groups alone: one section without a heading);
 * groups: [{ label, bars: [{ series, value, text }] }] (value NaN → drawn as text only).
 * series: a count (5, 10, 10000), 'all' or 'floor'.
 */
function barChart({ title, subtitle, groups, sections = [{ heading: null, groups }], unit = 'MB/s' }) {
  const width = 1060;
  const labelWidth = 400;
  const valueRoom = 110;
  const barHeight = 16;
  const barGap = 3;
  const groupGap = 14;
  const top = 78;
  const plotWidth = width - labelWidth - valueRoom - 20;
  const allGroups = sections.flatMap((s) => s.groups);
  const values = allGroups.flatMap((g) => g.bars.map((b) => b.value)).filter(Number.isFinite);
  const { step, top: axisMax } = niceScale(Math.max(...values, 1));
  const x = (v) => labelWidth + (v / axisMax) * plotWidth;

  const parts = [];
  let y = top;
  const drawGroup = (group) => {
    const groupHeight = group.bars.length * (barHeight + barGap) - barGap;
    parts.push(`<text x="${labelWidth - 10}" y="${y + groupHeight / 2 + 5}" text-anchor="end" font-size="13" fill="#222">${escape(group.label)}</text>`);
    for (const bar of group.bars) {
      const color = COLORS[bar.series] ?? '#555';
      if (Number.isFinite(bar.value)) {
        const w = Math.max(1, x(bar.value) - labelWidth);
        parts.push(`<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${color}" rx="2"><title>${escape(`${group.label}: ${bar.text}`)}</title></rect>`);
        parts.push(`<text x="${(labelWidth + w + 5).toFixed(1)}" y="${y + barHeight - 4}" font-size="12" fill="#222">${escape(bar.text)}</text>`);
      } else {
        parts.push(`<text x="${labelWidth + 5}" y="${y + barHeight - 4}" font-size="12" fill="#b00020">${escape(bar.text)}</text>`);
      }
      y += barHeight + barGap;
    }
    y += groupGap;
  };
  for (const section of sections) {
    if (section.heading) {
      parts.push(`<text x="20" y="${y + 12}" font-size="13" font-weight="600" fill="#111">${escape(section.heading)}</text>`);
      y += 24;
    }
    section.groups.forEach(drawGroup);
  }
  const bottom = y;

  const grid = [];
  for (let v = 0; v <= axisMax + 1e-9; v += step) {
    grid.push(`<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${bottom - groupGap + 4}" stroke="#ddd"/>`);
    grid.push(`<text x="${x(v).toFixed(1)}" y="${bottom + 8}" text-anchor="middle" font-size="11" fill="#555">${Number(v.toPrecision(6))}</text>`);
  }
  const present = new Set(allGroups.flatMap((g) => g.bars.map((b) => String(b.series))));
  const legend = Object.keys(LEGEND)
    .filter((series) => present.has(series))
    .map((series) => [LEGEND[series], COLORS[series]])
    .map(([text, color], i) => {
      const lx = 20 + i * 150;
      return `<rect x="${lx}" y="50" width="12" height="12" fill="${color}"/><text x="${lx + 17}" y="60" font-size="12" fill="#222">${escape(text)}</text>`;
    })
    .join('\n  ');
  const height = bottom + 34;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>
  <rect width="100%" height="100%" fill="#fff"/>
  <text x="20" y="24" font-size="17" font-weight="600" fill="#111">${escape(title)}</text>
  <text x="20" y="42" font-size="12" fill="#555">${escape(subtitle)}</text>
  ${legend}
  ${grid.join('\n  ')}
  ${parts.join('\n  ')}
  <text x="${labelWidth + plotWidth / 2}" y="${bottom + 26}" text-anchor="middle" font-size="12" fill="#333">${escape(unit)} (median wall time, whole process; higher is better)</text>
</svg>
`;
}

module.exports = { barChart };
