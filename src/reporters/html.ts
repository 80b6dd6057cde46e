// The HTML report: one self-contained file (inline CSS, inline script, a CSP that forbids any network
// load) built for triage. The score with what it covers; the scorecard as bars coloured by status;
// the findings severity-first with committed secrets on top, grouped by factor, rule, file or
// severity (switchable), groups collapsed, searchable. Each finding links its rule's page at the
// version that ran and, when the CI named the repository, its source line. Source lines come
// redacted from readSourceLines(); without them a finding shows its evidence only. Without script
// the findings are one list in the same order.

import { FACTOR_TITLES, SEVERITY_RANK, type Finding } from '../rule-api/types.js';
import type { WriterInput } from './context.js';
import { CHART_CSS, esc, page, scoreChart, STATUS_TEXT, statusPill } from './html-util.js';
import { ruleHelpUri, sourceLineUri } from './links.js';
import { isSecretFinding, secretRuleIds } from './sources.js';
import { isLiveSecret, scoreText, WEAKEST_WEIGHT } from '../scoring/scorecard.js';
import type { Report } from './report.js';

const CSS = `
.top{display:flex;gap:24px;align-items:flex-start;flex-wrap:wrap}
.score-box{min-width:150px}
.score-big .of{font-size:18px;color:#656d76}
.notes{margin:6px 0 0;padding-left:18px;font-size:13px}
.alert{border-left:4px solid #cf222e;background:#fff5f5;padding:10px 12px;border-radius:6px;margin:12px 0}
.alert a{color:#cf222e;font-weight:600}
#toolbar{display:flex;gap:8px;flex-wrap:wrap;align-items:center;margin:8px 0;position:sticky;top:0;background:#f6f8fa;padding:6px 0;z-index:1}
#toolbar input,#toolbar select,#toolbar button{font:inherit;padding:4px 8px;border:1px solid #d0d7de;border-radius:6px;background:#fff}
#toolbar button{cursor:pointer}
#search{flex:1 1 200px;min-width:0}#filter-factor{max-width:170px}
#toolbar button.chip[aria-pressed=true]{background:#0969da;color:#fff;border-color:#0969da}
#finding-list,.g-list{list-style:none;padding:0;margin:0}
details.group{background:#fff;border:1px solid #d0d7de;border-radius:8px;margin:8px 0}
details.group>summary{cursor:pointer;padding:8px 12px;display:flex;gap:8px;flex-wrap:wrap;align-items:baseline}
details.group>summary .g-title{font-weight:600;overflow-wrap:anywhere}
details.group[open]>summary{border-bottom:1px solid #eaeef2}
.g-list{padding:0 8px}
.finding{background:#fff;border:1px solid #d0d7de;border-left-width:4px;border-radius:6px;padding:8px 10px;margin:8px 0;overflow-wrap:anywhere}
.finding[hidden],details.group[hidden]{display:none}
.finding.error{border-left-color:#cf222e}.finding.warning{border-left-color:#d4a72c}.finding.info{border-left-color:#0969da}
.finding .meta{font-size:12px;margin-top:2px}
.finding .where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.sev,.tag{font-size:11px;font-weight:700;text-transform:uppercase;padding:1px 6px;border-radius:4px;color:#fff;white-space:nowrap}
.sev.error{background:#cf222e}.sev.warning{background:#9a6700}.sev.info{background:#0969da}
.tag.secret{background:#24292f}
.count{font-size:12px;color:#656d76}
.snippet{background:#f6f8fa;border:1px solid #eaeef2;border-radius:6px;margin:8px 0 4px;padding:6px 0;overflow-x:auto}
.snippet .ln{display:inline-block;width:3.5em;text-align:right;padding-right:1em;color:#8c959f;user-select:none}
.snippet .hit{background:#fff8c5}
.snippet span.row{display:block;white-space:pre}
.fix{margin:4px 0 0}
@media (max-width:640px){main{padding:12px}.score-big{font-size:32px}h1{font-size:20px}#toolbar label{flex:1 1 45%}#toolbar select{width:100%}}
`;

/** Severity-first, committed secrets first among errors; then file, line, rule (stable). `secretRules`: ids of the rules whose findings are secrets (secretRuleIds). */
export function triageOrder(findings: readonly Finding[], secretRules: ReadonlySet<string>): Finding[] {
  const secretRank = (f: Finding) => (isLiveSecret(f) ? 2 : isSecretFinding(f, secretRules) && f.severity === 'error' ? 1 : 0);
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      secretRank(b) - secretRank(a) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

export function formatHtml(input: WriterInput): string {
  const { report } = input;
  const s = report.summary;
  const git = report.target.git;
  const facts = [
    `${s.filesScanned} files scanned with ${s.rulesRun} rules`,
    git?.commit ? `commit <code>${esc(git.commit.slice(0, 12))}</code>${git.branch ? ` on <code>${esc(git.branch)}</code>` : ''}` : '',
    git?.path ? `folder <code>${esc(git.path)}</code>` : '',
    report.generatedAt ? `generated ${esc(report.generatedAt)}` : '',
    `${esc(report.tool.name)} ${esc(report.tool.version)}`,
  ].filter(Boolean);

  const secretRules = secretRuleIds(input.rules);
  const ordered = triageOrder(report.findings, secretRules);
  const secrets = ordered.filter((f) => f.severity === 'error' && isSecretFinding(f, secretRules));
  const alert =
    secrets.length > 0
      ? `<div class="alert" id="secrets-alert"><strong>${secrets.length} committed secret${secrets.length === 1 ? '' : 's'}</strong>: rotate ${secrets.length === 1 ? 'it' : 'them'} first, then remove ${secrets.length === 1 ? 'it' : 'them'} from the repository. ${secrets
          .slice(0, 5)
          .map((f) => `<a href="#finding-${ordered.indexOf(f) + 1}">${esc(f.file)}:${f.line}</a>`)
          .join(' · ')}${secrets.length > 5 ? ' …' : ''}</div>`
      : '';

  const factorsWithFindings = report.factors.filter((f) => report.findings.some((x) => x.factor === f.id));
  const hasDiagnostics = report.findings.some((f) => f.factor === null);
  const sevCount = (sev: string) => report.findings.filter((f) => f.severity === sev).length;
  const toolbar = `<div id="toolbar" role="search">
<input type="search" id="search" placeholder="Search findings…" aria-label="Search findings" autocomplete="off">
<label>Group by <select id="group-by"><option value="factor">factor</option><option value="rule">rule</option><option value="file">file</option><option value="severity">severity</option></select></label>
<label>Factor <select id="filter-factor"><option value="">all</option>${factorsWithFindings.map((f) => `<option value="${f.id}">${esc(f.title)}</option>`).join('')}${hasDiagnostics ? '<option value="diagnostic">Diagnostics</option>' : ''}</select></label>
${(['error', 'warning', 'info'] as const).map((sev) => `<button type="button" class="chip" data-severity="${sev}" aria-pressed="false">${sev} (${sevCount(sev)})</button>`).join('')}
<button type="button" id="toggle-all">Expand all</button>
<button type="button" id="filter-reset">Reset</button>
</div>`;

  const items = ordered.map((f, i) => findingItem(f, i, input, secretRules)).join('\n');
  const body = `<main>
<header class="top">
<div class="score-box" id="overall" data-status="${report.status}"><div class="score-big" id="overall-score" style="color:${STATUS_TEXT[report.status]}">${report.score === null ? 'n/a' : `${report.score.toFixed(1)}<span class="of">/10</span>`}</div>${statusPill(report.status)}</div>
<div><h1>${esc(report.target.name)}</h1><div class="muted">${facts.join(' · ')}</div>
<div>${s.errors} errors · ${s.warnings} warnings · ${s.infos} info</div>
<ul class="notes" id="score-notes">${scoreNotes(report)
    .map((n) => `<li>${n}</li>`)
    .join('')}</ul></div>
</header>
${alert}
<section class="card" id="scorecard"><h2>Scorecard</h2>
${scoreChart(
  report.factors.map((f) => ({ id: f.id, label: f.title, score: f.score, status: f.status, summary: f.summary })),
  { id: 'factor-chart', interactive: true },
)}
</section>
<section id="findings"><h2>Findings (<span id="shown-count">${report.findings.length}</span> of ${report.findings.length})</h2>
${report.findings.length > 0 ? toolbar : ''}
<div id="groups"></div>
<ol id="finding-list">
${items}
</ol>
${report.findings.length === 0 ? '<p class="card">No twelve-factor problems found.</p>' : ''}
</section>
</main>`;
  return page(`twelve-factor-audit: ${report.target.name}`, CHART_CSS + CSS, body, report.findings.length > 0 ? SCRIPT : '');
}

/** What the score covers and how it was made, one short line each (docs/scoring.md). */
function scoreNotes(report: Report): string[] {
  const b = report.scoring;
  const notes: string[] = [];
  if (b.partial) notes.push(`<strong>Partial run</strong> (${esc(b.partial)}): no score; statuses cover the findings of these files only.`);
  else if (b.weakest !== null && b.breadth !== null) {
    notes.push(`Score ${esc(scoreText(report))} = ${WEAKEST_WEIGHT} × weakest factor ${b.weakest.toFixed(1)} + ${Math.round((1 - WEAKEST_WEIGHT) * 10) / 10} × breadth ${b.breadth.toFixed(1)}.`);
  }
  if (b.filesNotRead > 0) notes.push(`<strong>${b.filesNotRead} file${b.filesNotRead === 1 ? '' : 's'} not read</strong> (skipped or unparsable): the score does not cover ${b.filesNotRead === 1 ? 'it' : 'them'}.`);
  if (b.factorsChecked < 12) notes.push(`${b.factorsChecked} of 12 factors could be checked; the others had no file to read or no rule on (their summaries say which).`);
  if (b.liveSecrets > 0) notes.push(`${b.liveSecrets} committed live credential${b.liveSecrets === 1 ? '' : 's'}: the factor scores 0.`);
  const hidden = b.baselined.errors + b.baselined.warnings + b.baselined.infos;
  if (hidden > 0) notes.push(`${hidden} finding${hidden === 1 ? '' : 's'} hidden by the baseline still count in the score.`);
  const accepted = b.suppressed.errors + b.suppressed.warnings + b.suppressed.infos;
  if (accepted > 0) notes.push(`${accepted} finding${accepted === 1 ? '' : 's'} suppressed inline with a reason do not count.`);
  return notes;
}

function findingItem(f: Finding, i: number, input: WriterInput, secretRules: ReadonlySet<string>): string {
  const { report } = input;
  const factor = f.factor ?? 'diagnostic';
  const factorTitle = f.factor ? FACTOR_TITLES[f.factor] : 'Diagnostics';
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
  const secret = f.severity === 'error' && isSecretFinding(f, secretRules);
  const evidence = f.evidence ? ` <code class="evidence">${esc(f.evidence)}</code>` : '';
  const where = `${esc(f.file)}:${f.line}:${f.column}`;
  const source = sourceLineUri(report.target, f.file, f.line);
  const whereHtml = source ? `<a class="where source" href="${esc(source)}" rel="noopener noreferrer">${where}</a>` : `<span class="where">${where}</span>`;
  const text = [f.message, f.file, f.ruleId, factorTitle, f.evidence ?? '', f.severity, secret ? 'secret' : ''].join(' ').toLowerCase();
  return `<li class="finding ${f.severity}" id="finding-${i + 1}" data-factor="${factor}" data-factor-title="${esc(factorTitle)}" data-rule="${esc(f.ruleId)}" data-severity="${f.severity}" data-file="${esc(f.file)}"${secret ? ' data-secret="1"' : ''} data-text="${esc(text)}">
<div><span class="sev ${f.severity}">${f.severity}</span>${secret ? ' <span class="tag secret">secret</span>' : ''} <span class="message">${esc(f.message)}</span>${evidence}</div>
<div class="meta muted">${whereHtml} · <a class="rule" href="${esc(ruleHelpUri(f.ruleId, report.tool.version))}" rel="noopener noreferrer">${esc(f.ruleId)}</a> · ${esc(factorTitle)}</div>
${snippet}<p class="fix muted">Fix: ${esc(f.remediation)}</p>
</li>`;
}

// Groups are built from the list items (already in triage order) and rebuilt when the grouping
// changes; filters only hide items and the groups left empty. Text goes in with textContent.
const SCRIPT = `
(function(){
  var list=document.getElementById('finding-list');
  var groupsEl=document.getElementById('groups');
  var items=Array.prototype.slice.call(list.querySelectorAll('.finding'));
  var search=document.getElementById('search');
  var groupBy=document.getElementById('group-by');
  var factorSel=document.getElementById('filter-factor');
  var chips=Array.prototype.slice.call(document.querySelectorAll('#toolbar .chip'));
  var count=document.getElementById('shown-count');
  var toggle=document.getElementById('toggle-all');
  var RANK={error:3,warning:2,info:1};
  function keyOf(li,mode){
    if(mode==='rule')return [li.dataset.rule,li.dataset.rule];
    if(mode==='file')return [li.dataset.file,li.dataset.file];
    if(mode==='severity')return [li.dataset.severity,li.dataset.severity];
    return [li.dataset.factor,li.dataset.factorTitle];
  }
  function countsText(g){
    var parts=[];
    if(g.error)parts.push(g.error+(g.error===1?' error':' errors')+(g.secrets?' ('+g.secrets+(g.secrets===1?' secret)':' secrets)'):''));
    if(g.warning)parts.push(g.warning+(g.warning===1?' warning':' warnings'));
    if(g.info)parts.push(g.info+' info');
    return parts.join(' · ');
  }
  var groups=[];
  function build(){
    var mode=groupBy.value;
    var byKey={};groups=[];
    items.forEach(function(li,i){
      var k=keyOf(li,mode);
      var g=byKey[k[0]];
      if(!g){g=byKey[k[0]]={key:k[0],title:k[1],items:[],first:i,secrets:0,error:0,warning:0,info:0};groups.push(g);}
      g.items.push(li);
    });
    // Worst first: secrets, then errors, warnings, infos; then the order of their first finding.
    groups.forEach(function(g){g.items.forEach(function(li){g[li.dataset.severity]++;if(li.dataset.secret)g.secrets++;});});
    groups.sort(function(a,b){return (b.secrets-a.secrets)||(b.error-a.error)||(b.warning-a.warning)||(b.info-a.info)||(a.first-b.first);});
    while(groupsEl.firstChild)groupsEl.removeChild(groupsEl.firstChild);
    groups.forEach(function(g,i){
      var d=document.createElement('details');d.className='group';d.dataset.key=g.key;if(i===0)d.open=true;
      var s=document.createElement('summary');
      var t=document.createElement('span');t.className='g-title';t.textContent=g.title;
      var c=document.createElement('span');c.className='count';
      s.appendChild(t);s.appendChild(c);d.appendChild(s);
      var ol=document.createElement('ol');ol.className='g-list';
      g.items.forEach(function(li){ol.appendChild(li);});
      d.appendChild(ol);groupsEl.appendChild(d);g.el=d;g.countEl=c;
    });
    list.hidden=true;
    apply(false);
  }
  function apply(openMatches){
    var q=search.value.trim().toLowerCase();
    var sev=chips.filter(function(c){return c.getAttribute('aria-pressed')==='true';}).map(function(c){return c.dataset.severity;});
    var shown=0;
    groups.forEach(function(g){
      var n={secrets:0,error:0,warning:0,info:0},any=0;
      g.items.forEach(function(li){
        var ok=(!factorSel.value||li.dataset.factor===factorSel.value)&&(sev.length===0||sev.indexOf(li.dataset.severity)>=0)&&(!q||li.dataset.text.indexOf(q)>=0);
        li.hidden=!ok;
        if(ok){shown++;any++;n[li.dataset.severity]++;if(li.dataset.secret)n.secrets++;}
      });
      g.el.hidden=any===0;
      g.countEl.textContent=countsText(n);
      if(openMatches&&any>0)g.el.open=true;
    });
    count.textContent=String(shown);
  }
  var filtering=function(){apply(Boolean(search.value.trim()||factorSel.value||chips.some(function(c){return c.getAttribute('aria-pressed')==='true';})));};
  search.addEventListener('input',filtering);
  groupBy.addEventListener('change',build);
  factorSel.addEventListener('change',filtering);
  chips.forEach(function(c){c.addEventListener('click',function(){c.setAttribute('aria-pressed',c.getAttribute('aria-pressed')==='true'?'false':'true');filtering();});});
  toggle.addEventListener('click',function(){
    var open=toggle.textContent==='Expand all';
    groups.forEach(function(g){g.el.open=open;});
    toggle.textContent=open?'Collapse all':'Expand all';
  });
  document.getElementById('filter-reset').addEventListener('click',function(){
    search.value='';factorSel.value='';chips.forEach(function(c){c.setAttribute('aria-pressed','false');});
    groupBy.value='factor';build();
  });
  function pickFactor(id){
    var has=Array.prototype.some.call(factorSel.options,function(o){return o.value===id;});
    if(!has)return;
    factorSel.value=id;
    if(groupBy.value!=='factor'){groupBy.value='factor';build();}
    filtering();
    document.getElementById('findings').scrollIntoView();
  }
  Array.prototype.forEach.call(document.querySelectorAll('#factor-chart [data-factor]'),function(el){
    el.addEventListener('click',function(){pickFactor(el.dataset.factor);});
    el.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();pickFactor(el.dataset.factor);}});
  });
  // A link to one finding (the secrets banner, #finding-3) opens its group.
  function reveal(){
    var id=location.hash.slice(1);var el=id&&document.getElementById(id);
    if(el&&el.classList.contains('finding')){var d=el.closest('details');if(d)d.open=true;el.scrollIntoView();}
  }
  window.addEventListener('hashchange',reveal);
  build();
  reveal();
})();
`;
