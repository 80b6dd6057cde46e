// Pieces shared by the HTML report and the fleet dashboard: escaping, the page shell with a content
// security policy that forbids every network load (the file must work offline, from a CI artifact),
// colours and the scorecard chart.

import type { FactorStatus } from '../scoring/scorecard.js';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const STATUS_COLOR: Record<FactorStatus, string> = { pass: '#2da44e', warn: '#d4a72c', fail: '#cf222e', 'not-applicable': '#8c959f' };
export const STATUS_LABEL: Record<FactorStatus, string> = { pass: 'pass', warn: 'warn', fail: 'fail', 'not-applicable': 'n/a' };

export function scoreColor(score: number | null): string {
  if (score === null) return '#8c959f';
  if (score >= 9) return '#2da44e';
  if (score >= 7) return '#7cb342';
  if (score >= 5) return '#d4a72c';
  if (score >= 3) return '#e16f24';
  return '#cf222e';
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const BASE_CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px}
.muted{color:#656d76}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:12px 0}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
th{font-weight:600;background:#f6f8fa}
.pill{display:inline-block;border-radius:999px;padding:0 8px;color:#fff;font-size:12px;font-weight:600}
code,pre{font:12px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.score-big{font-size:40px;font-weight:700}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
`;

export function page(title: string, css: string, body: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${BASE_CSS}${css}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}

export interface ChartRow {
  id: string;
  label: string;
  score: number | null;
  status: FactorStatus;
}

/** A horizontal bar chart of factor scores (0–10), drawn as inline SVG. */
export function scoreChart(rows: ChartRow[], options: { id?: string; interactive?: boolean } = {}): string {
  const labelWidth = 190;
  const barWidth = 420;
  const rowHeight = 26;
  const width = labelWidth + barWidth + 70;
  const height = rows.length * rowHeight + 24;
  const grid = [0, 2, 4, 6, 8, 10]
    .map((t) => {
      const x = labelWidth + (t / 10) * barWidth;
      return `<line x1="${x}" y1="0" x2="${x}" y2="${rows.length * rowHeight}" stroke="#eaeef2"/><text x="${x}" y="${rows.length * rowHeight + 16}" text-anchor="middle" fill="#656d76">${t}</text>`;
    })
    .join('');
  const bars = rows
    .map((r, i) => {
      const y = i * rowHeight;
      const w = r.score === null ? barWidth : Math.max(2, (r.score / 10) * barWidth);
      const fill = r.score === null ? 'url(#na-hatch)' : scoreColor(r.score);
      const value = r.score === null ? 'n/a' : r.score.toFixed(1);
      const attrs = options.interactive ? ` class="factor-bar" data-factor="${esc(r.id)}" role="button" tabindex="0"` : ' class="factor-bar"';
      return `<g${attrs} data-status="${r.status}"><title>${esc(r.label)}: ${value} (${STATUS_LABEL[r.status]})</title><text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${esc(r.label)}</text><rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${fill}"/><text x="${labelWidth + barWidth + 8}" y="${y + 17}" fill="#1f2328">${value}</text></g>`;
    })
    .join('');
  return `<svg${options.id ? ` id="${options.id}"` : ''} class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Scores of the twelve factors"><defs><pattern id="na-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6f8fa"/><line x1="0" y1="0" x2="0" y2="6" stroke="#d0d7de" stroke-width="2"/></pattern></defs>${grid}${bars}</svg>`;
}
