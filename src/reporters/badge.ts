// A shields.io-style badge (`--badge badge.svg`) for READMEs and dashboards: the status and the score
// (`fail 2.3/10`), coloured by the status, so that a failing audit is never drawn green. Text widths
// are estimated from a fixed per-character width so that the same report always gives the same bytes.

import type { Report } from './report.js';
import type { FactorStatus } from '../scoring/scorecard.js';

const CHAR_WIDTH = 7;
const PADDING = 10;

/** shields.io's own colours: brightgreen, yellow, red, lightgrey. */
export const BADGE_COLOR: Record<FactorStatus, string> = { pass: '#4c1', warn: '#dfb317', fail: '#e05d44', 'not-applicable': '#9f9f9f' };

/** `pass 10.0/10`, `fail 2.3/10`, `fail (partial)`, `n/a`. */
export function badgeValue(report: Pick<Report, 'score' | 'status'> & { scoring?: Pick<Report['scoring'], 'partial'> }): string {
  if (report.status === 'not-applicable') return 'n/a';
  if (report.scoring?.partial) return `${report.status} (partial)`;
  return report.score === null ? report.status : `${report.status} ${report.score.toFixed(1)}/10`;
}

export function formatBadge(report: Pick<Report, 'score' | 'status'> & { scoring?: Pick<Report['scoring'], 'partial'> }, label = '12-factor'): string {
  const value = badgeValue(report);
  const lw = label.length * CHAR_WIDTH + PADDING;
  const vw = value.length * CHAR_WIDTH + PADDING;
  const w = lw + vw;
  const color = BADGE_COLOR[report.status];
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
