// Shell command lines (Dockerfile RUN/CMD, compose and k8s commands, package.json scripts, Procfile
// lines, entry scripts) split into simple commands.
//
// Lexing is shell-quote's (a maintained POSIX lexer: quotes, escapes, operators, comments). We looked
// at sh-syntax (mvdan/sh in WebAssembly) first, but its JavaScript AST drops the command nodes, and
// bash-parser is unmaintained since 2017. On top of the tokens this file adds the little grammar the
// rules need: lists and pipelines (`&&`, `||`, `;`, `|`, `&`), assignments, redirections, compound
// keywords (if/then/do...) peeled off, heredoc bodies skipped, and line offsets kept.

import { parse as lex } from 'shell-quote';
import type { CaseArm, ShellCommand } from './facts.js';
import { wildmatch } from '../util/glob/gitignore.js';

const JOINERS = new Set(['&&', '||', ';', '|', '&', ';;', '|&']);
const REDIRECTS = new Set(['>', '>>', '<', '>&', '<&', '>|', '<>', '&>', '&>>']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'for', 'case', 'esac', '!', '{', '}', 'in']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Options of dotenv-cli, dotenvx and env-cmd that take a value. */
const ENV_LOADER_VALUE_FLAGS = new Set(['-e', '-f', '-v', '-c', '-p', '--env-file', '--file', '--environments', '--convention', '-r']);

type Token = string | { op: string } | { comment: string } | { op: 'glob'; pattern: string };

/** Parses a whole script: newlines separate commands unless continued. */
export function parseShellScript(text: string): ShellCommand[] {
  const out: ShellCommand[] = [];
  const functions = new Set<string>();
  const cases = caseTracker();
  const lines = text.split(/\r?\n/);
  let i = 0;
  while (i < lines.length) {
    const start = i;
    let logical = lines[i]!;
    // Heredoc: skip its body so that its lines are not read as commands.
    const heredoc = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)['"]?/.exec(logical);
    // Only the last physical line decides whether the command goes on: testing the whole logical
    // line each time made 20,000 continuation lines quadratic.
    const parts = [logical];
    let last = logical;
    while ((last.endsWith('\\') || /(&&|\|\||\|)\s*$/.test(last)) && i + 1 < lines.length) {
      if (last.endsWith('\\')) parts[parts.length - 1] = last.slice(0, -1);
      last = lines[++i]!;
      parts.push(last);
    }
    logical = parts.join('\n');
    i++;
    if (heredoc) {
      const end = heredoc[1]!;
      while (i < lines.length && lines[i]!.trim() !== end) i++;
      i++;
    }
    for (const cmd of parseShellLine(logical, functions, cases)) {
      out.push({ ...cmd, lineOffset: cmd.lineOffset + start });
    }
  }
  // A call of a function the script defines is not a program: the function's body is listed where
  // it is written.
  return functions.size > 0 ? out.filter((c) => c.argv.length === 0 || !functions.has(c.argv[0]!)) : out;
}

/** An open `case` statement while a script is parsed: its arms so far, and whether a pattern list is being read. */
interface OpenCase {
  id: number;
  word: string;
  /** The current arm's patterns (null between `;;` and the next `)`). */
  patterns: string[] | null;
  earlier: string[];
  /** The arm being read (-1 before the first). */
  arm: number;
  /** Past MAX_CASE_PATTERNS: its later arms are not told apart (their commands carry no arm of it). */
  untracked?: true;
}

/** The `case` statements open at the end of the lines parsed so far (a case spans lines). */
interface CaseTracker {
  open: OpenCase[];
  nextId: number;
  /** Cases nested past MAX_OPEN_CASES, not tracked: their `esac` closes nothing that is. */
  untrackedDepth: number;
}

function caseTracker(): CaseTracker {
  return { open: [], nextId: 0, untrackedDepth: 0 };
}

/** Keywords a `case` may follow on its line (`then case "$1" in`, `do case ...`). */
const BEFORE_CASE = new Set(['then', 'else', 'do', '{', '!', '&&', '||']);

/**
 * Bounds on what a command carries of the cases it is in (each command holds its arms' patterns and
 * those of the arms before them, which a hostile script could make quadratic): nested cases deeper
 * than this are not tracked, and neither are the arms of a case after this many patterns.
 */
const MAX_OPEN_CASES = 8;
const MAX_CASE_PATTERNS = 64;

/**
 * Parses one command line; backslash-newline continuations are allowed and tracked. Function
 * definitions (`name() {`, `function name {`) and case patterns (`npm)`) are not commands; the names
 * of functions defined are added to `functions` when given. Commands inside `case` arms say which
 * arm (ShellCommand.caseArms); `cases` carries the open statements from line to line.
 */
export function parseShellLine(text: string, functions?: Set<string>, cases: CaseTracker = caseTracker()): ShellCommand[] {
  const joined = text.replace(/\\\r?\n/g, ' \n');
  let tokens: Token[];
  try {
    // Keep `$VAR` and `${VAR}` as written instead of expanding them to nothing, and a command
    // substitution as part of its word.
    const { masked, originals } = maskSubstitutions(joined.replace(/\n/g, ' '));
    tokens = lexKeepingVariables(masked);
    if (originals.length > 0) tokens = tokens.map((token) => unmask(token, originals));
  } catch {
    return [];
  }
  const commands: ShellCommand[] = [];
  let current: ShellCommand = blank(null);
  let pendingRedirect: string | null = null;
  let cursor = 0;
  let newlines = 0;
  let countedTo = 0;
  let parens = 0;
  /** The token index of the last `)` that closed a group (`(a && b) &` puts the group in the background). */
  let groupClosedAt = -1;

  const innermost = () => cases.open[cases.open.length - 1];
  /** `case WORD in` read so far in `current`, patterns of the first arm possibly after it. */
  const caseStart = () => {
    let i = 0;
    while (i < current.argv.length && BEFORE_CASE.has(current.argv[i]!)) i++;
    return current.argv[i] === 'case' && current.argv[i + 2] === 'in' ? i : -1;
  };
  const caseHead = () => caseStart() >= 0;
  /** Between `case WORD in` (or `;;`) and the `)` that ends an arm's patterns: `|` separates patterns there. */
  const readingPatterns = () => caseHead() || innermost()?.patterns === null;
  const openCase = (word: string, patterns: string[] | null) => {
    if (cases.open.length < MAX_OPEN_CASES) cases.open.push({ id: cases.nextId++, word, patterns, earlier: [], arm: patterns === null ? -1 : 0 });
    else cases.untrackedDepth++;
  };
  const flush = (joiner: ShellCommand['joinedBy']) => {
    if (current.argv[0] === 'function' && (current.argv.length === 2 || (current.argv.length === 3 && current.argv[2] === '{'))) {
      functions?.add(current.argv[1]!);
      current.argv = [];
    }
    const head = caseStart();
    if (head >= 0) {
      openCase(current.argv[head + 1]!, null);
      current.argv = current.argv.slice(0, head + 1);
    }
    // `esac` closes the innermost case (after `;;`, or after an arm's last command).
    if (current.argv[0] === 'esac') {
      if (cases.untrackedDepth > 0) cases.untrackedDepth--;
      else cases.open.pop();
    }
    // `case $x in` names the word matched, `for i in $(seq 1 3)` / `select x in a b` the loop's
    // variable and words: they run nothing themselves.
    if (current.argv[0] === 'case' || current.argv[0] === 'for' || current.argv[0] === 'select') current.argv = [];
    peelKeywords(current);
    if (current.argv.length > 0 || current.assignments.length > 0) {
      const arms: CaseArm[] = [];
      for (const c of cases.open) if (c.patterns !== null && !c.untracked) arms.push({ caseId: c.id, arm: c.arm, word: c.word, patterns: c.patterns, earlier: c.earlier });
      if (arms.length > 0) current.caseArms = arms;
      commands.push(current);
    }
    current = blank(joiner);
  };

  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    if (typeof token === 'string' || 'pattern' in token) {
      const word = typeof token === 'string' ? token : token.pattern;
      if (pendingRedirect) {
        current.redirects.push({ op: pendingRedirect, target: word });
        pendingRedirect = null;
        continue;
      }
      // Locate each word in the source (moving forward only) so that a command knows the physical
      // line it starts on, even when its program name also appeared as an argument earlier. Newlines
      // are counted from the previous word on, not from the start: linear in the line's length.
      const first = word.split(/\s/)[0] ?? word;
      const at = first === '' ? -1 : joined.indexOf(first, cursor);
      if (at >= 0) {
        newlines += countNewlines(joined, countedTo, at);
        countedTo = at;
        if (current.argv.length === 0 && current.assignments.length === 0) current.lineOffset = newlines;
        cursor = at + first.length;
      }
      if (current.argv.length === 0 && ASSIGNMENT.test(word)) {
        const eq = word.indexOf('=');
        current.assignments.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
      } else {
        current.argv.push(word);
      }
    } else if ('comment' in token) {
      continue;
    } else if (token.op === '|' && readingPatterns()) {
      // `serve|web)`: a pattern separator, not a pipe.
      continue;
    } else if (JOINERS.has(token.op)) {
      if (token.op === '&') {
        // `(a && b) &`: the group is one background job, and what keeps running is its last command.
        if (groupClosedAt === t - 1 && commands.length > 0) commands[commands.length - 1]!.background = true;
        else current.background = true;
      }
      const joiner = (token.op === ';;' ? ';' : token.op === '|&' ? '|' : token.op) as ShellCommand['joinedBy'];
      flush(joiner);
      // `;;` ends an arm: the words up to the next `)` are the next arm's patterns (or `esac`).
      const open = innermost();
      if (token.op === ';;' && open && open.patterns !== null) {
        if (open.earlier.length + open.patterns.length > MAX_CASE_PATTERNS) open.untracked = true;
        else open.earlier = [...open.earlier, ...open.patterns];
        open.patterns = null;
      }
    } else if (REDIRECTS.has(token.op)) {
      // `2>` lexes as the word `2` then `>`: that 2 is a file descriptor, not an argument.
      const last = current.argv[current.argv.length - 1];
      if (last !== undefined && /^\d$/.test(last) && current.argv.length > 1) current.argv.pop();
      pendingRedirect = token.op;
    } else if (token.op === '(') {
      const next = tokens[t + 1];
      const named = current.argv.length === 1 ? current.argv[0] : current.argv.length === 2 && current.argv[0] === 'function' ? current.argv[1] : undefined;
      if (next !== undefined && typeof next === 'object' && 'op' in next && next.op === ')' && named !== undefined) {
        // `name() {`, `function name() {`: a function definition.
        functions?.add(named);
        current = blank(current.joinedBy);
        t++;
        continue;
      }
      parens++;
      flush(';');
    } else if (token.op === ')') {
      if (parens > 0) {
        parens--;
        flush(';');
        groupClosedAt = t;
      } else {
        // `npm)` in a case statement: a pattern, not a command; it starts the arm's commands.
        const open = innermost();
        const head = caseStart();
        if (head >= 0) openCase(current.argv[head + 1]!, current.argv.slice(head + 3, head + 3 + MAX_CASE_PATTERNS));
        else if (open && open.patterns === null) {
          open.patterns = current.argv.slice(0, MAX_CASE_PATTERNS);
          if (current.argv.length > MAX_CASE_PATTERNS) open.untracked = true;
          open.arm++;
        }
        current = blank(current.joinedBy);
      }
    }
  }
  flush(null);
  return commands;
}

const MASK = /\u0000(\d+)\u0000/g;

/**
 * Unquoted command substitutions (`VERSION=$(git rev-parse HEAD) npm run build`, `$((1 + 2))`) put
 * in a placeholder: the lexer reads their parentheses as a subshell, which split the assignment
 * from its command (`VERSION=$` and a command `npm run build` with no environment). Inside double
 * quotes the lexer keeps them in the word already. Their own commands are not read (as for quoted
 * ones): what a substitution prints is a word of the outer command.
 */
function maskSubstitutions(line: string): { masked: string; originals: string[] } {
  // A line that holds the placeholder's own character is left as it is (its text could not be told apart).
  if (!line.includes('$(') || line.includes('\u0000')) return { masked: line, originals: [] };
  const originals: string[] = [];
  let out = '';
  let i = 0;
  let double = false;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === "'" && !double) {
      const end = line.indexOf("'", i + 1);
      const stop = end < 0 ? line.length : end + 1;
      out += line.slice(i, stop);
      i = stop;
      continue;
    }
    if (c === '"') double = !double;
    if (c === '$' && line[i + 1] === '(' && !double) {
      const end = closingParen(line, i + 1);
      if (end < 0) {
        out += line.slice(i);
        break;
      }
      originals.push(line.slice(i, end + 1));
      out += `\u0000${originals.length - 1}\u0000`;
      i = end + 1;
      continue;
    }
    out += c;
    i++;
  }
  return { masked: out, originals };
}

/** The index of the `)` closing the `(` at `open`, skipping quoted text and nested parentheses; -1 if none. */
function closingParen(line: string, open: number): number {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') i++;
    else if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function unmask(token: Token, originals: string[]): Token {
  const back = (text: string) => text.replace(MASK, (_, n: string) => originals[Number(n)] ?? '');
  if (typeof token === 'string') return token.includes('\u0000') ? back(token) : token;
  if ('pattern' in token) return { ...token, pattern: back(token.pattern) };
  return token;
}

/** Keeps `$VAR` and `${VAR}` as written instead of expanding them to nothing. */
function lexKeepingVariables(line: string): Token[] {
  const keep = (name: string) => `$${name}`;
  try {
    return lex(line, keep) as Token[];
  } catch (err) {
    // The lexer rejects expansions with an operator and a space (`${ABIWORD:+abiword plugin}`,
    // `${GID:+--gid "$GID"}`), and the whole line was lost with them (a Dockerfile RUN whose
    // `npm install -g` went unseen). They are read as the bare variable, innermost first.
    let simpler = line;
    for (let i = 0; i < 8; i++) {
      const next = simpler.replace(/\$\{(\w+)(?:[:#%/^,+=?-][^{}]*)?\}/g, '$$$1');
      if (next === simpler) break;
      simpler = next;
    }
    if (simpler === line) throw err;
    return lex(simpler, keep) as Token[];
  }
}

/**
 * The commands of a script that run when it is called with these positional arguments: of a `case`
 * on `$1`, only the first arm whose patterns match the first argument (none when no arm does; the
 * `serve|migrate` dispatch of an image's entry script, given `serve` by the CMD). A command is kept
 * when that cannot be told: no argument, a `$` in the argument or in a pattern, or a script that
 * moves its arguments (`shift`, `set --`).
 */
export function commandsRunWith(commands: readonly ShellCommand[], positional: readonly string[]): readonly ShellCommand[] {
  const first = positional[0];
  if (first === undefined || first.includes('$') || !commands.some((c) => c.caseArms)) return commands;
  if (commands.some((c) => c.argv[0] === 'shift' || (c.argv[0] === 'set' && c.argv[1] === '--'))) return commands;
  return commands.filter((c) => !c.caseArms?.some((arm) => FIRST_ARGUMENT.test(arm.word) && armRuns(arm, first) === false));
}

const FIRST_ARGUMENT = /^\$(1|\{1\})$/;

/** Whether the shell runs this arm for `word`: the first arm with a matching pattern runs; undefined when a pattern is not literal. */
function armRuns(arm: CaseArm, word: string): boolean | undefined {
  const matches = (patterns: readonly string[]) => {
    let unknown = false;
    for (const p of patterns) {
      const m = p.includes('$') || p.includes('`') ? undefined : globMatches(p, word);
      if (m === true) return true;
      if (m === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
  const before = matches(arm.earlier);
  if (before !== false) return before === true ? false : undefined;
  return matches(arm.patterns);
}

/** Longer patterns or words (from the scanned tree) are not matched: the arm is then undecided. */
const MAX_GLOB = 256;

/**
 * A shell pattern (`*`, `?`, `[a-z]`, `[!x]`) matched against a word as `case` matches it: git's
 * wildmatch without its path rule (the gitignore reader's, memoised: O(pattern × word), never a
 * regular expression built from scanned text).
 */
export function globMatches(pattern: string, word: string): boolean | undefined {
  if (pattern.length > MAX_GLOB || word.length > MAX_GLOB) return undefined;
  return wildmatch(Buffer.from(pattern), Buffer.from(word), false);
}

/** Whether two commands are in different arms of one `case`: at most one of them runs. */
export function inOtherArms(a: ShellCommand, b: ShellCommand): boolean {
  if (!a.caseArms || !b.caseArms) return false;
  return a.caseArms.some((x) => b.caseArms!.some((y) => y.caseId === x.caseId && y.arm !== x.arm));
}

function peelKeywords(cmd: ShellCommand): void {
  while (cmd.argv.length > 0 && KEYWORDS.has(cmd.argv[0]!)) cmd.argv.shift();
}

function blank(joinedBy: ShellCommand['joinedBy']): ShellCommand {
  return { argv: [], assignments: [], redirects: [], joinedBy, background: false, lineOffset: 0 };
}

function countNewlines(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

/** A program that runs a shell script (`sh -c <script>`, `bash start.sh`): sh, bash, ash, dash or zsh, by name or path. */
export function isShellProgram(word: string): boolean {
  return SHELL_NAMES.has(word.slice(word.lastIndexOf('/') + 1));
}

/**
 * A wrapper's arguments after its options: options up to `--` or the first word that is not an
 * option, each of `valueFlags` with the word after it (`-u node`, `-e .env`).
 */
function withoutOptions(args: string[], valueFlags: ReadonlySet<string> = new Set()): string[] {
  let rest = args;
  while (rest[0] !== undefined && rest[0].startsWith('-')) {
    const flag = rest[0];
    rest = rest.slice(1);
    if (flag === '--') break;
    if (valueFlags.has(flag) && rest[0] !== undefined) rest = rest.slice(1);
  }
  return rest;
}

/** Options of nyc and c8 that take a value as the next word (`-r lcov`, `--temp-dir .nyc`). */
const COVERAGE_VALUE_FLAGS = new Set(['-r', '--reporter', '-x', '--exclude', '-n', '--include', '-e', '--extension', '-i', '--require', '-t', '--temp-dir', '--report-dir', '-o', '--reports-dir', '--cwd', '--src']);

/** Options of runuser/sudo that take a value as the next word (`-u node`, `--group app`). */
const USER_SWITCH_VALUE_FLAGS = new Set(['-u', '--user', '-g', '--group', '-G', '--supp-group', '-p', '--prompt', '-C', '--close-from', '-h', '--host', '-D', '--chdir', '-R', '--chroot', '-T', '--command-timeout']);

/**
 * The program a command really runs, looking through wrappers that exec their arguments:
 * `exec`, `env FOO=1`, `tini --`, `dumb-init`, `nice`, `gosu user`, `su-exec user`, `runuser -u user --`,
 * `sudo -u user`, `setpriv --reuid=...`, `nyc --silent`, `c8 -r lcov`, `cross-env A=1`, `dotenv -e .env --`, `dotenvx run --`, `env-cmd -f .env`.
 */
export function effectiveArgv(argv: string[]): { argv: string[]; wrappers: string[] } {
  const wrappers: string[] = [];
  let rest = argv.slice();
  for (;;) {
    const head = rest[0];
    if (head === undefined) break;
    const base = head.split('/').pop()!;
    if (base === 'exec' || base === 'nice' || base === 'nohup' || base === 'time') {
      wrappers.push(base);
      rest = rest.slice(1);
    } else if (base === 'env') {
      wrappers.push(base);
      rest = rest.slice(1);
      while (rest[0] !== undefined && (ASSIGNMENT.test(rest[0]) || rest[0].startsWith('-'))) rest = rest.slice(1);
    } else if (base === 'tini' || base === 'dumb-init' || base === 'catatonit') {
      wrappers.push(base);
      rest = withoutOptions(rest.slice(1));
    } else if (base === 'gosu' || base === 'su-exec' || base === 's6-setuidgid' || base === 'setuidgid') {
      wrappers.push(base);
      rest = rest.slice(2);
    } else if (base === 'runuser' || base === 'sudo' || base === 'setpriv') {
      // `runuser -u node -- "$@"`, `sudo -E -u app node x.js`, `setpriv --reuid=1000 --init-groups node x.js`
      // run their command themselves; runuser's `-c` form (`runuser app -c "…"`, su's way) goes
      // through a shell: not looked through here (the run-command follower reads it as a shell's text). sudo has no `-c`: one after its options belongs to
      // the command it runs (`sudo -H -u searxng bash -c "…"`).
      const command = withoutOptions(rest.slice(1), USER_SWITCH_VALUE_FLAGS);
      const own = base === 'sudo' ? rest.slice(1, rest.length - command.length) : rest;
      if (own.includes('-c') || own.includes('--command')) break;
      wrappers.push(base);
      rest = command;
    } else if (base === 'nyc' || base === 'c8') {
      // Coverage runners run their command under instrumentation: `nyc --silent ts-node app.ts`.
      wrappers.push(base);
      rest = withoutOptions(rest.slice(1), COVERAGE_VALUE_FLAGS);
    } else if (base === 'cross-env' || base === 'cross-env-shell') {
      wrappers.push(base);
      rest = rest.slice(1);
      while (rest[0] !== undefined && ASSIGNMENT.test(rest[0])) rest = rest.slice(1);
    } else if (base === 'dotenv' || base === 'env-cmd' || (base === 'dotenvx' && rest[1] === 'run')) {
      // Options until `--` or the first word that is not an option's value: `-e .env`, `-f .env`,
      // `-v A=1`, `-c production`; flags without a value (`--debug`, `--silent`) are dropped alone.
      wrappers.push(base);
      rest = withoutOptions(rest.slice(base === 'dotenvx' ? 2 : 1), ENV_LOADER_VALUE_FLAGS);
    } else break;
  }
  return { argv: rest, wrappers };
}
