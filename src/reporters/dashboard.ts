// The fleet view: many services' JSON reports merged into one page (or one JSON document) for a
// platform team. A service × factor grid of the latest scores, the worst findings across the fleet,
// and a score trend per service when several reports of it at different commits are given.

import { FACTORS, FACTOR_TITLES, SEVERITY_RANK, type Factor, type Severity } from '../rule-api/types.js';
import type { FactorStatus } from '../scoring/scorecard.js';
import type { Report } from './report.js';
import { esc, page, scoreColor, STATUS_COLOR, STATUS_LABEL } from './html-util.js';
import { ruleHelpUri } from './links.js';
import { redactKnownTokens } from '../secrets/detect.js';

export const FLEET_SCHEMA_VERSION = 1;
export const WORST_FINDINGS = 25;

export interface FleetInput {
  /** Where the report came from (a file name), for people reading the dashboard. */
  source: string;
  report: Report;
}

export interface FleetPoint {
  source: string;
  commit?: string;
  branch?: string;
  generatedAt?: string;
  score: number | null;
  errors: number;
  warnings: number;
  infos: number;
}

export interface FleetService {
  /** target.name, with the folder inside the repository when two services share a name. */
  name: string;
  latest: FleetPoint & {
    status: FactorStatus;
    factors: Record<Factor, { score: number | null; status: FactorStatus }>;
  };
  /** Oldest first; one point per commit. */
  history: FleetPoint[];
  /** Latest score minus the previous point's score (one decimal); null with a single point. */
  trend: number | null;
}

export interface FleetFinding {
  service: string;
  ruleId: string;
  factor: Factor | null;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  evidence?: string;
}

export interface Fleet {
  schemaVersion: number;
  services: FleetService[];
  /** Mean of the services' latest scores, one decimal. */
  score: number | null;
  worstFindings: FleetFinding[];
  /** Findings across the fleet (latest reports) not in worstFindings. */
  moreFindings: number;
}

export function buildFleet(inputs: FleetInput[]): Fleet {
  const groups = new Map<string, FleetInput[]>();
  for (const input of inputs) {
    const key = `${input.report.target.name}\0${input.report.target.git?.path ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(input);
    else groups.set(key, [input]);
  }
  const names = new Map<string, number>();
  for (const key of groups.keys()) names.set(key.split('\0')[0]!, (names.get(key.split('\0')[0]!) ?? 0) + 1);

  const services: FleetService[] = [];
  const latestReports: Array<{ service: FleetService; report: Report }> = [];
  for (const [key, list] of groups) {
    const [name, folder] = key.split('\0') as [string, string];
    const display = (names.get(name) ?? 0) > 1 && folder ? `${name} (${folder})` : name;
    // Chronological when every report has a timestamp, else the order given on the command line.
    const ordered = list.every((i) => i.report.generatedAt) ? [...list].sort((a, b) => (a.report.generatedAt! < b.report.generatedAt! ? -1 : a.report.generatedAt! > b.report.generatedAt! ? 1 : 0)) : list;
    // One point per commit: a later report of the same commit replaces the earlier one.
    const byCommit: FleetInput[] = [];
    for (const i of ordered) {
      const commit = i.report.target.git?.commit;
      const at = commit ? byCommit.findIndex((x) => x.report.target.git?.commit === commit) : -1;
      if (at >= 0) byCommit.splice(at, 1);
      byCommit.push(i);
    }
    const history = byCommit.map(pointOf);
    const last = byCommit[byCommit.length - 1]!;
    const latestPoint = history[history.length - 1]!;
    const previous = history.length > 1 ? history[history.length - 2]! : undefined;
    const factors = Object.fromEntries(
      FACTORS.map((f) => {
        const fs = last.report.factors.find((x) => x.id === f);
        return [f, { score: fs?.score ?? null, status: fs?.status ?? 'not-applicable' }];
      }),
    ) as FleetService['latest']['factors'];
    const service: FleetService = {
      name: display,
      latest: { ...latestPoint, status: last.report.status, factors },
      history,
      trend: previous && previous.score !== null && latestPoint.score !== null ? round1(latestPoint.score - previous.score) : null,
    };
    services.push(service);
    latestReports.push({ service, report: last.report });
  }
  services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const all: Array<FleetFinding & { factorScore: number }> = [];
  for (const { service, report } of latestReports) {
    for (const f of report.findings) {
      const factorScore = f.factor ? (service.latest.factors[f.factor].score ?? 10) : 10;
      all.push({
        service: service.name,
        ruleId: f.ruleId,
        factor: f.factor,
        severity: f.severity,
        // Reports of older versions printed paths as they were: redact as report.ts does today.
        message: redactKnownTokens(f.message),
        file: redactKnownTokens(f.file),
        line: f.line,
        ...(f.evidence !== undefined ? { evidence: redactKnownTokens(f.evidence) } : {}),
        factorScore,
      });
    }
  }
  all.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.factorScore - b.factorScore ||
      cmp(a.service, b.service) ||
      cmp(a.file, b.file) ||
      a.line - b.line ||
      cmp(a.ruleId, b.ruleId),
  );
  const worstFindings = all.slice(0, WORST_FINDINGS).map(({ factorScore: _unused, ...f }) => f);
  const scored = services.filter((s) => s.latest.score !== null);
  return {
    schemaVersion: FLEET_SCHEMA_VERSION,
    services,
    score: scored.length === 0 ? null : round1(scored.reduce((s, x) => s + (x.latest.score ?? 0), 0) / scored.length),
    worstFindings,
    moreFindings: all.length - worstFindings.length,
  };
}

function pointOf(i: FleetInput): FleetPoint {
  const r = i.report;
  return {
    source: i.source,
    ...(r.target.git?.commit ? { commit: r.target.git.commit } : {}),
    ...(r.target.git?.branch ? { branch: r.target.git.branch } : {}),
    ...(r.generatedAt ? { generatedAt: r.generatedAt } : {}),
    score: r.score,
    errors: r.summary.errors,
    warnings: r.summary.warnings,
    infos: r.summary.infos,
  };
}

export function formatFleetJson(fleet: Fleet): string {
  return `${JSON.stringify(fleet, null, 2)}\n`;
}

const CSS = `
.grid td.cell{text-align:center;font-weight:700;color:#fff;min-width:44px}
.grid th.f{writing-mode:vertical-rl;transform:rotate(180deg);font-size:12px;white-space:nowrap;height:150px;vertical-align:bottom;text-align:left}
.grid{overflow-x:auto}
.trend-up{color:#2da44e}.trend-down{color:#cf222e}
.spark{vertical-align:middle}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:4px;color:#fff}
.sev.error{background:#cf222e}.sev.warning{background:#9a6700}.sev.info{background:#0969da}
`;

export function formatFleetHtml(fleet: Fleet): string {
  const head = `<tr><th>Service</th><th>Score</th><th>Trend</th>${FACTORS.map((f) => `<th class="f" title="${esc(FACTOR_TITLES[f])}">${esc(FACTOR_TITLES[f])}</th>`).join('')}</tr>`;
  const rows = fleet.services
    .map((s) => {
      const cells = FACTORS.map((f) => {
        const c = s.latest.factors[f];
        const bg = c.score === null ? STATUS_COLOR['not-applicable'] : scoreColor(c.score);
        return `<td class="cell" data-factor="${f}" data-status="${c.status}" style="background:${bg}" title="${esc(`${s.name} · ${FACTOR_TITLES[f]}: ${c.score ?? 'n/a'} (${STATUS_LABEL[c.status]})`)}">${c.score === null ? '–' : c.score.toFixed(1)}</td>`;
      }).join('');
      const trend = s.trend === null ? '' : s.trend > 0 ? `<span class="trend-up">▲ +${s.trend.toFixed(1)}</span>` : s.trend < 0 ? `<span class="trend-down">▼ ${s.trend.toFixed(1)}</span>` : '<span class="muted">= 0.0</span>';
      const commit = s.latest.commit ? ` <code class="muted">${esc(s.latest.commit.slice(0, 8))}</code>` : '';
      return `<tr class="service" data-service="${esc(s.name)}"><td><strong>${esc(s.name)}</strong>${commit}</td><td style="color:${scoreColor(s.latest.score)};font-weight:700">${s.latest.score === null ? 'n/a' : s.latest.score.toFixed(1)}</td><td>${sparkline(s.history)} ${trend}</td>${cells}</tr>`;
    })
    .join('\n');
  const worst = fleet.worstFindings
    .map(
      (f) =>
        `<tr class="worst"><td><span class="sev ${f.severity}">${f.severity}</span></td><td>${esc(f.service)}</td><td><code>${esc(f.file)}:${f.line}</code></td><td>${esc(f.message)}${f.evidence ? ` <code>${esc(f.evidence)}</code>` : ''}</td><td><a href="${esc(ruleHelpUri(f.ruleId))}" rel="noopener noreferrer">${esc(f.ruleId)}</a></td></tr>`,
    )
    .join('\n');
  const history = fleet.services
    .filter((s) => s.history.length > 1)
    .map(
      (s) =>
        `<h3>${esc(s.name)}</h3><table class="history"><thead><tr><th>Commit</th><th>Branch</th><th>Score</th><th>Errors</th><th>Warnings</th><th>Report</th></tr></thead><tbody>${s.history
          .map((p) => `<tr><td><code>${esc(p.commit?.slice(0, 12) ?? '—')}</code></td><td>${esc(p.branch ?? '')}</td><td>${p.score === null ? 'n/a' : p.score.toFixed(1)}</td><td>${p.errors}</td><td>${p.warnings}</td><td>${esc(p.source)}</td></tr>`)
          .join('')}</tbody></table>`,
    )
    .join('\n');
  const body = `<main>
<h1>Twelve-factor fleet</h1>
<p class="muted">${fleet.services.length} service${fleet.services.length === 1 ? '' : 's'} · mean score ${fleet.score === null ? 'n/a' : fleet.score.toFixed(1)}/10</p>
<section class="card grid"><h2>Scores by service and factor</h2><table id="fleet-grid"><thead>${head}</thead><tbody>
${rows}
</tbody></table></section>
<section class="card"><h2>Worst findings across the fleet</h2>
<table id="worst-findings"><thead><tr><th>Severity</th><th>Service</th><th>Where</th><th>Finding</th><th>Rule</th></tr></thead><tbody>
${worst}
</tbody></table>${fleet.moreFindings > 0 ? `<p class="muted">…and ${fleet.moreFindings} more findings in the services' own reports.</p>` : ''}</section>
${history ? `<section class="card" id="trends"><h2>Trend per service</h2>${history}</section>` : ''}
</main>`;
  return page('twelve-factor-audit: fleet', CSS, body);
}

function sparkline(points: FleetPoint[]): string {
  if (points.length < 2) return '';
  const w = 80;
  const h = 20;
  const step = w / (points.length - 1);
  const coords = points.map((p, i) => `${(i * step).toFixed(1)},${(h - ((p.score ?? 0) / 10) * h).toFixed(1)}`).join(' ');
  return `<svg class="spark" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-hidden="true"><polyline fill="none" stroke="#0969da" stroke-width="1.5" points="${coords}"/></svg>`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
