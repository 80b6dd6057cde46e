// The fleet view: many services' JSON reports merged into one page (or one JSON document, whose
// schema is schemas/dashboard.schema.json) for a platform team. A service × factor grid of the latest
// statuses and scores, the worst findings across the fleet, and a trend per service when several
// reports of it at different commits are given (oldest to newest: by timestamp when every report has
// one, else in the order given).

import { FACTORS, FACTOR_TITLES, SEVERITY_RANK, type Factor, type Severity } from '../rule-api/types.js';
import type { FactorStatus } from '../scoring/scorecard.js';
import type { Report } from './report.js';
import { esc, page, STATUS_COLOR, STATUS_LABEL, STATUS_TEXT, statusPill } from './html-util.js';
import { ruleHelpUri } from './links.js';
import { redactKnownTokens } from '../secrets/detect.js';

/** 2: cells and points carry the status, `trend` is an object, services and points may link their report. */
export const FLEET_SCHEMA_VERSION = 2;
export const WORST_FINDINGS = 25;

export interface FleetInput {
  /** Where the report came from (a file name), for people reading the dashboard. */
  source: string;
  report: Report;
  /** A relative link to this run's report for people (its HTML report when there is one), set by the CLI. */
  link?: string;
}

export interface FleetPoint {
  source: string;
  commit?: string;
  branch?: string;
  generatedAt?: string;
  link?: string;
  score: number | null;
  status: FactorStatus;
  /** Set when that run was partial (it has no score). */
  partial?: string;
  errors: number;
  warnings: number;
  infos: number;
}

export interface FleetService {
  /** target.name, with the folder inside the repository when two services share a name. */
  name: string;
  latest: FleetPoint & {
    factors: Record<Factor, { score: number | null; status: FactorStatus }>;
  };
  /** Oldest first; one point per commit. */
  history: FleetPoint[];
  /** The latest point against the one before it; null with a single point. */
  trend: FleetTrend | null;
}

export interface FleetTrend {
  /** Latest score minus the previous one (one decimal); null when either has no score. */
  score: number | null;
  /** Change in the number of errors and warnings (negative: fewer). */
  errors: number;
  warnings: number;
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
      latest: { ...latestPoint, factors },
      history,
      trend: previous
        ? {
            score: previous.score !== null && latestPoint.score !== null ? round1(latestPoint.score - previous.score) : null,
            errors: latestPoint.errors - previous.errors,
            warnings: latestPoint.warnings - previous.warnings,
          }
        : null,
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
    ...(i.link ? { link: i.link } : {}),
    score: r.score,
    status: r.status,
    ...(r.scoring?.partial ? { partial: r.scoring.partial } : {}),
    errors: r.summary.errors,
    warnings: r.summary.warnings,
    infos: r.summary.infos,
  };
}

export function formatFleetJson(fleet: Fleet): string {
  return `${JSON.stringify(fleet, null, 2)}\n`;
}

const CSS = `
.grid{overflow-x:auto}
.grid table{min-width:760px}
.grid td.cell{text-align:center;font-weight:700;min-width:46px;line-height:1.15;padding:4px 2px}
.grid td.cell small{display:block;font-size:10px;font-weight:600;text-transform:uppercase}
.grid th.f{writing-mode:vertical-rl;transform:rotate(180deg);font-size:12px;white-space:nowrap;height:150px;vertical-align:bottom;text-align:left}
.grid td.name{position:sticky;left:0;background:#fff;min-width:140px}
.trend-up{color:#1a7f37}.trend-down{color:#cf222e}
.spark{vertical-align:middle}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:4px;color:#fff;white-space:nowrap}
.scroll{overflow-x:auto}
#worst-findings td.where,#worst-findings td.rule{white-space:nowrap}
.sev.error{background:#cf222e}.sev.warning{background:#9a6700}.sev.info{background:#0969da}
#worst-findings td{overflow-wrap:anywhere}
@media (max-width:640px){main{padding:12px}.grid .trend{display:none}.grid table{min-width:0}#worst-findings thead{display:none}#worst-findings tr{display:block;border-bottom:1px solid #d0d7de;padding:6px 0}#worst-findings td{display:inline;border:0;padding:2px 4px;white-space:normal}#worst-findings td.msg{display:block}}
`;

/** `a/b c.html` as an href: relative, each segment encoded; a link that is not plainly relative is dropped. */
function relativeHref(link: string | undefined): string | undefined {
  if (!link || /^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('/') || link.startsWith('\\')) return undefined;
  return link.split('/').map(encodeURIComponent).join('/');
}

/** ▲ +1.2 · 2 fewer errors, from the latest point against the previous one. */
function trendText(t: FleetTrend | null): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.score !== null && t.score !== 0) parts.push(t.score > 0 ? `<span class="trend-up">▲ +${t.score.toFixed(1)}</span>` : `<span class="trend-down">▼ ${t.score.toFixed(1)}</span>`);
  const change = (n: number, word: string) =>
    n === 0 ? '' : n < 0 ? `<span class="trend-up">${-n} fewer ${word}${n === -1 ? '' : 's'}</span>` : `<span class="trend-down">${n} more ${word}${n === 1 ? '' : 's'}</span>`;
  for (const p of [change(t.errors, 'error'), change(t.warnings, 'warning')]) if (p) parts.push(p);
  return parts.length > 0 ? parts.join(' · ') : '<span class="muted">no change</span>';
}

export function formatFleetHtml(fleet: Fleet): string {
  const head = `<tr><th>Service</th><th>Score</th><th class="trend">Trend</th>${FACTORS.map((f) => `<th class="f" title="${esc(FACTOR_TITLES[f])}">${esc(FACTOR_TITLES[f])}</th>`).join('')}</tr>`;
  const rows = fleet.services
    .map((s) => {
      const cells = FACTORS.map((f) => {
        const c = s.latest.factors[f];
        // Colour follows the status; warn's amber takes dark text, the others white.
        const fg = c.status === 'warn' ? '#1f2328' : '#fff';
        return `<td class="cell" data-factor="${f}" data-status="${c.status}" style="background:${STATUS_COLOR[c.status]};color:${fg}" title="${esc(`${s.name} · ${FACTOR_TITLES[f]}: ${c.score ?? 'n/a'} (${STATUS_LABEL[c.status]})`)}">${c.score === null ? '–' : c.score.toFixed(1)}<small>${STATUS_LABEL[c.status]}</small></td>`;
      }).join('');
      const commit = s.latest.commit ? ` <code class="muted">${esc(s.latest.commit.slice(0, 8))}</code>` : '';
      const href = relativeHref(s.latest.link);
      const name = href ? `<a class="report-link" href="${esc(href)}"><strong>${esc(s.name)}</strong></a>` : `<strong>${esc(s.name)}</strong>`;
      const score = s.latest.partial ? `n/a <small class="muted">partial</small>` : s.latest.score === null ? 'n/a' : s.latest.score.toFixed(1);
      return `<tr class="service" data-service="${esc(s.name)}" data-status="${s.latest.status}"><td class="name">${name}${commit}</td><td class="overall"><span style="color:${STATUS_TEXT[s.latest.status]};font-weight:700">${score}</span> ${statusPill(s.latest.status)}</td><td class="trend">${sparkline(s.history)} ${trendText(s.trend)}</td>${cells}</tr>`;
    })
    .join('\n');
  const worst = fleet.worstFindings
    .map(
      (f) =>
        `<tr class="worst"><td><span class="sev ${f.severity}">${f.severity}</span></td><td>${esc(f.service)}</td><td class="where"><code>${esc(f.file)}:${f.line}</code></td><td class="msg">${esc(f.message)}${f.evidence ? ` <code>${esc(f.evidence)}</code>` : ''}</td><td class="rule"><a href="${esc(ruleHelpUri(f.ruleId))}" rel="noopener noreferrer">${esc(f.ruleId)}</a></td></tr>`,
    )
    .join('\n');
  const history = fleet.services
    .filter((s) => s.history.length > 1)
    .map(
      (s) =>
        `<h3>${esc(s.name)}</h3><p class="trend-line">Oldest to newest: ${trendText(s.trend)}</p><div class="scroll"><table class="history"><thead><tr><th>Commit</th><th>Branch</th><th>Score</th><th>Status</th><th>Errors</th><th>Warnings</th><th>Report</th></tr></thead><tbody>${s.history
          .map((p) => {
            const href = relativeHref(p.link);
            return `<tr><td><code>${esc(p.commit?.slice(0, 12) ?? '—')}</code></td><td>${esc(p.branch ?? '')}</td><td>${p.score === null ? 'n/a' : p.score.toFixed(1)}</td><td>${statusPill(p.status)}</td><td>${p.errors}</td><td>${p.warnings}</td><td>${href ? `<a href="${esc(href)}">${esc(p.link!)}</a>` : esc(p.source)}</td></tr>`;
          })
          .join('')}</tbody></table></div>`,
    )
    .join('\n');
  const failing = fleet.services.filter((s) => s.latest.status === 'fail').length;
  const body = `<main>
<h1>Twelve-factor fleet</h1>
<p class="muted" id="fleet-summary">${fleet.services.length} service${fleet.services.length === 1 ? '' : 's'} · ${failing} failing · mean score ${fleet.score === null ? 'n/a' : fleet.score.toFixed(1)}/10</p>
<section class="card grid"><h2>Status and score by service and factor</h2><table id="fleet-grid"><thead>${head}</thead><tbody>
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
