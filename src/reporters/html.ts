// The HTML report: one self-contained file (inline CSS, inline script, a CSP that forbids any network
// load) with the scorecard as a chart of the twelve factors, and the findings filterable by factor,
// severity and file, each with its source line in context. Source lines come redacted from
// readSourceLines(); without them a finding shows its evidence only.

import { FACTOR_TITLES, type Finding } from '../rule-api/types.js';
import type { WriterInput } from './context.js';
import { esc, page, scoreChart, scoreColor, STATUS_COLOR, STATUS_LABEL } from './html-util.js';
import { ruleHelpUri } from './links.js';

const CSS = `
.top{display:flex;gap:24px;align-items:center;flex-wrap:wrap}
.chart{max-width:100%;height:auto}
.factor-bar[role=button]{cursor:pointer}.factor-bar[role=button]:hover text{text-decoration:underline}
#filters{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0}
#filters select,#filters button{font:inherit;padding:4px 8px;border:1px solid #d0d7de;border-radius:6px;background:#fff;cursor:pointer}
#filters button.chip[aria-pressed=true]{background:#0969da;color:#fff;border-color:#0969da}
#finding-list{list-style:none;padding:0;margin:0}
.finding{background:#fff;border:1px solid #d0d7de;border-left-width:4px;border-radius:6px;padding:10px 12px;margin:8px 0}
.finding[hidden]{display:none}
.finding.error{border-left-color:#cf222e}.finding.warning{border-left-color:#d4a72c}.finding.info{border-left-color:#0969da}
.finding .where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:4px;color:#fff}
.sev.error{background:#cf222e}.sev.warning{background:#9a6700}.sev.info{background:#0969da}
.snippet{background:#f6f8fa;border:1px solid #eaeef2;border-radius:6px;margin:8px 0 4px;padding:6px 0;overflow-x:auto}
.snippet .ln{display:inline-block;width:4em;text-align:right;padding-right:1em;color:#8c959f;user-select:none}
.snippet .hit{background:#fff8c5;display:block}
.snippet span.row{display:block;white-space:pre}
.fix{margin:4px 0 0}
`;

export function formatHtml(input: WriterInput): string {
  const { report } = input;
  const s = report.summary;
  const git = report.target.git;
  const score = report.score === null ? 'n/a' : report.score.toFixed(1);
  const facts = [
    `${s.filesScanned} files scanned with ${s.rulesRun} rules`,
    git?.commit ? `commit <code>${esc(git.commit.slice(0, 12))}</code>${git.branch ? ` on <code>${esc(git.branch)}</code>` : ''}` : '',
    git?.path ? `folder <code>${esc(git.path)}</code>` : '',
    report.generatedAt ? `generated ${esc(report.generatedAt)}` : '',
    `${esc(report.tool.name)} ${esc(report.tool.version)}`,
  ].filter(Boolean);

  const factorRows = report.factors
    .map((f) => {
      const n = f.findings.errors + f.findings.warnings + f.findings.infos;
      return `<tr class="factor-row" data-factor="${f.id}" data-status="${f.status}"><td>${esc(f.title)}</td><td style="color:${scoreColor(f.score)};font-weight:700">${f.score === null ? '—' : f.score.toFixed(1)}</td><td><span class="pill" style="background:${STATUS_COLOR[f.status]}">${STATUS_LABEL[f.status]}</span></td><td>${n}</td><td>${esc(f.summary)}</td></tr>`;
    })
    .join('\n');

  const files = [...new Set(report.findings.map((f) => f.file))].sort();
  const factorsWithFindings = report.factors.filter((f) => report.findings.some((x) => x.factor === f.id));
  const hasDiagnostics = report.findings.some((f) => f.factor === null);
  const sevCount = (sev: string) => report.findings.filter((f) => f.severity === sev).length;
  const filters = `<div id="filters">
<label>Factor <select id="filter-factor"><option value="">all</option>${factorsWithFindings.map((f) => `<option value="${f.id}">${esc(f.title)}</option>`).join('')}${hasDiagnostics ? '<option value="diagnostic">Diagnostics</option>' : ''}</select></label>
<label>File <select id="filter-file"><option value="">all</option>${files.map((f) => `<option value="${esc(f)}">${esc(f)}</option>`).join('')}</select></label>
<span>Severity</span>${(['error', 'warning', 'info'] as const).map((sev) => `<button type="button" class="chip" data-severity="${sev}" aria-pressed="false">${sev} (${sevCount(sev)})</button>`).join('')}
<button type="button" id="filter-reset">Reset</button>
</div>`;

  const items = report.findings.map((f, i) => findingItem(f, i, input)).join('\n');
  const body = `<main>
<header class="top">
<div><div class="score-big" id="overall-score" style="color:${scoreColor(report.score)}">${score}<span class="muted" style="font-size:18px">/10</span></div><span class="pill" style="background:${STATUS_COLOR[report.status]}">${STATUS_LABEL[report.status]}</span></div>
<div><h1>${esc(report.target.name)}</h1><div class="muted">${facts.join(' · ')}</div>
<div>${s.errors} errors · ${s.warnings} warnings · ${s.infos} info</div></div>
</header>
<section class="card" id="scorecard"><h2>Scorecard</h2>
${scoreChart(
  report.factors.map((f) => ({ id: f.id, label: f.title, score: f.score, status: f.status })),
  { id: 'factor-chart', interactive: true },
)}
<table id="factor-table"><thead><tr><th>Factor</th><th>Score</th><th>Status</th><th>Findings</th><th>Summary</th></tr></thead><tbody>
${factorRows}
</tbody></table></section>
<section id="findings"><h2>Findings (<span id="shown-count">${report.findings.length}</span> of ${report.findings.length})</h2>
${filters}
<ol id="finding-list">
${items}
</ol>
${report.findings.length === 0 ? '<p class="card">No twelve-factor problems found.</p>' : ''}
</section>
</main>`;
  return page(`twelve-factor-audit: ${report.target.name}`, CSS, body, SCRIPT);
}

function findingItem(f: Finding, i: number, input: WriterInput): string {
  const factor = f.factor ?? 'diagnostic';
  const factorTitle = f.factor ? FACTOR_TITLES[f.factor] : 'Diagnostic';
  const lines = input.sources?.[f.file];
  let snippet = '';
  if (lines) {
    const numbers = Object.keys(lines)
      .map(Number)
      .filter((n) => Math.abs(n - f.line) <= 2)
      .sort((a, b) => a - b);
    if (numbers.length > 0) {
      snippet = `<pre class="snippet"><code>${numbers
        .map((n) => `<span class="row${n === f.line ? ' hit' : ''}"><span class="ln">${n}</span>${esc(lines[n] ?? '')}</span>`)
        .join('')}</code></pre>`;
    }
  }
  const evidence = f.evidence ? ` <code class="evidence">${esc(f.evidence)}</code>` : '';
  return `<li class="finding ${f.severity}" id="finding-${i + 1}" data-factor="${factor}" data-severity="${f.severity}" data-file="${esc(f.file)}">
<div><span class="sev ${f.severity}">${f.severity}</span> <span class="where">${esc(f.file)}:${f.line}:${f.column}</span> · <span class="muted">${esc(factorTitle)}</span> · <a href="${esc(ruleHelpUri(f.ruleId))}" rel="noopener noreferrer">${esc(f.ruleId)}</a></div>
<div class="message">${esc(f.message)}${evidence}</div>
${snippet}<p class="fix muted">Fix: ${esc(f.remediation)}</p>
</li>`;
}

// Filtering only hides list items; everything is in the page already.
const SCRIPT = `
(function(){
  var factorSel=document.getElementById('filter-factor');
  var fileSel=document.getElementById('filter-file');
  var chips=Array.prototype.slice.call(document.querySelectorAll('#filters .chip'));
  var items=Array.prototype.slice.call(document.querySelectorAll('#finding-list .finding'));
  var count=document.getElementById('shown-count');
  function apply(){
    var sev=chips.filter(function(c){return c.getAttribute('aria-pressed')==='true';}).map(function(c){return c.dataset.severity;});
    var shown=0;
    items.forEach(function(li){
      var ok=(!factorSel.value||li.dataset.factor===factorSel.value)&&(!fileSel.value||li.dataset.file===fileSel.value)&&(sev.length===0||sev.indexOf(li.dataset.severity)>=0);
      li.hidden=!ok; if(ok) shown++;
    });
    count.textContent=String(shown);
  }
  factorSel.addEventListener('change',apply);
  fileSel.addEventListener('change',apply);
  chips.forEach(function(c){c.addEventListener('click',function(){c.setAttribute('aria-pressed',c.getAttribute('aria-pressed')==='true'?'false':'true');apply();});});
  document.getElementById('filter-reset').addEventListener('click',function(){factorSel.value='';fileSel.value='';chips.forEach(function(c){c.setAttribute('aria-pressed','false');});apply();});
  function pickFactor(id){
    var has=Array.prototype.some.call(factorSel.options,function(o){return o.value===id;});
    factorSel.value=has?id:'';
    if(has){apply();document.getElementById('findings').scrollIntoView();}
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-factor].factor-bar,[data-factor].factor-row'),function(el){
    el.addEventListener('click',function(){pickFactor(el.dataset.factor);});
    el.addEventListener('keydown',function(e){if(e.key==='Enter')pickFactor(el.dataset.factor);});
  });
})();
`;
