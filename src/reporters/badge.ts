// A shields.io-style score badge (`--badge badge.svg`) for READMEs and dashboards. Text widths are
// estimated from a fixed per-character width so that the same score always gives the same bytes.

import type { Report } from './report.js';

const CHAR_WIDTH = 7;
const PADDING = 10;

export function badgeColor(score: number | null): string {
  if (score === null) return '#9f9f9f';
  if (score >= 9) return '#4c1';
  if (score >= 7) return '#97ca00';
  if (score >= 5) return '#dfb317';
  if (score >= 3) return '#fe7d37';
  return '#e05d44';
}

export function formatBadge(report: Pick<Report, 'score'>, label = '12-factor'): string {
  const value = report.score === null ? 'n/a' : `${report.score.toFixed(1)}/10`;
  const lw = label.length * CHAR_WIDTH + PADDING;
  const vw = value.length * CHAR_WIDTH + PADDING;
  const w = lw + vw;
  const color = badgeColor(report.score);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${label}: ${value}">
  <title>${label}: ${value}</title>
  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
  <clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="${lw}" height="20" fill="#555"/>
    <rect x="${lw}" width="${vw}" height="20" fill="${color}"/>
    <rect width="${w}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="${lw / 2}" y="14">${label}</text>
    <text x="${lw + vw / 2}" y="14">${value}</text>
  </g>
</svg>
`;
}
