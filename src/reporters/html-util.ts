// Pieces shared by the HTML report and the fleet dashboard: escaping, the page shell with a content
// security policy that forbids every network load (the file must work offline, from a CI artifact),
// colours and the scorecard chart.

import type { FactorStatus } from '../scoring/scorecard.js';
import { printable } from '../util/printable.js';

/** Also control and bidi characters from scanned names, made visible (`\u001b`). */
export function esc(s: string): string {
  return printable(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Colours follow the status, never the number: a failing factor is red whatever its score. Fills
 * for bars and cells; TEXT colours (darker) for text and for pills with white text, readable on white.
 */
export const STATUS_COLOR: Record<FactorStatus, string> = { pass: '#2da44e', warn: '#d4a72c', fail: '#cf222e', 'not-applicable': '#afb8c1' };
export const STATUS_TEXT: Record<FactorStatus, string> = { pass: '#1a7f37', warn: '#9a6700', fail: '#cf222e', 'not-applicable': '#656d76' };
export const STATUS_LABEL: Record<FactorStatus, string> = { pass: 'pass', warn: 'warn', fail: 'fail', 'not-applicable': 'n/a' };

/** A status pill: `<span class="pill">fail</span>` in the status colour. */
export function statusPill(status: FactorStatus): string {
  return `<span class="pill" style="background:${STATUS_TEXT[status]}">${STATUS_LABEL[status]}</span>`;
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const BASE_CSS = `
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px}
.muted{color:#656d76}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:12px 0}.card>h2:first-child{margin-top:0}
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
  summary?: string;
}

/**
 * The factor scores as HTML bars (0–10) coloured by status, one row per factor: at phone width the
 * label goes above its bar, where an SVG chart would shrink its text.
 */
export function scoreChart(rows: ChartRow[], options: { id?: string; interactive?: boolean } = {}): string {
  const items = rows
    .map((r) => {
      const value = r.score === null ? 'n/a' : r.score.toFixed(1);
      const width = r.score === null ? 100 : Math.max(1, r.score * 10);
      const attrs = options.interactive ? ` data-factor="${esc(r.id)}" role="button" tabindex="0" title="${esc(`${r.label}: ${value} (${STATUS_LABEL[r.status]}). Show its findings`)}"` : ` data-factor="${esc(r.id)}"`;
      const fill = r.score === null ? 'na' : r.status;
      return `<li class="factor-bar" data-status="${r.status}"${attrs}><span class="fb-label">${esc(r.label)}</span><span class="fb-track"><span class="fb-fill ${fill}" style="width:${width}%${r.score === null ? '' : `;background:${STATUS_COLOR[r.status]}`}"></span></span><span class="fb-value" style="color:${STATUS_TEXT[r.status]}">${value}</span>${statusPill(r.status)}${r.summary ? `<span class="fb-summary muted" title="${esc(r.summary)}">${esc(r.summary)}</span>` : ''}</li>`;
    })
    .join('');
  return `<ol${options.id ? ` id="${options.id}"` : ''} class="chart" aria-label="Scores of the twelve factors">${items}</ol>`;
}

export const CHART_CSS = `
.chart{list-style:none;padding:0;margin:8px 0}
.factor-bar{display:grid;grid-template-columns:190px 1fr 40px 44px;grid-template-areas:"label track value pill" ". summary summary summary";align-items:center;gap:2px 10px;padding:4px 6px;border-radius:6px}
.factor-bar[role=button]{cursor:pointer}.factor-bar[role=button]:hover,.factor-bar[role=button]:focus{background:#f6f8fa;outline:none}
.fb-label{grid-area:label;font-weight:600}.fb-track{grid-area:track;height:14px;background:#eaeef2;border-radius:4px;overflow:hidden}
.fb-fill{display:block;height:100%;border-radius:4px}.fb-fill.na{background:repeating-linear-gradient(45deg,#f6f8fa 0 4px,#d0d7de 4px 6px)}
.fb-value{grid-area:value;text-align:right;font-weight:700}.factor-bar .pill{grid-area:pill;text-align:center}
.fb-summary{grid-area:summary;font-size:12px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:0}
@media (max-width:640px){.factor-bar{grid-template-columns:1fr 40px 44px;grid-template-areas:"label value pill" "track track track" "summary summary summary"}}
`;
