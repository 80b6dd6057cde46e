import { describe, expect, it } from 'vitest';
import { commandsRunWith, effectiveArgv, globMatches, inOtherArms, parseShellLine, parseShellScript } from './shell.js';

describe('shell scripts', () => {
  it('lists function bodies where they are written, not definitions, calls or case patterns', () => {
    const script = [
      '#!/bin/bash',
      'set_defaults() {',
      '  export X=1',
      '}',
      'function start_forum {',
      '  case "$PM" in',
      '    yarn)',
      '      yarn start || exit 1',
      '      ;;',
      '    *)',
      '      exec node loader.js',
      '      ;;',
      '  esac',
      '}',
      'set_defaults',
      'start_forum',
      'echo "$(date)" done',
    ].join('\n');
    expect(parseShellScript(script).map((c) => `${c.lineOffset + 1} ${c.argv.join(' ')}`)).toEqual(['3 export X=1', '8 yarn start', '8 exit 1', '11 exec node loader.js', '17 echo $(date) done']);
  });

  it('reads a line whose expansions carry an operator and spaces (`${X:+a b}`), which the lexer rejects', () => {
    const line = 'mkdir -p /usr/share/man/man1 && \\\n    npm install pnpm@latest -g && \\\n    apk add --no-cache ${INSTALL_ABIWORD:+abiword abiword-plugin-command} && \\\n    groupadd --system ${EP_GID:+--gid "${EP_GID}" --non-unique} app';
    expect(parseShellLine(line).map((c) => `${c.lineOffset + 1} ${c.argv.join(' ')}`)).toEqual([
      '1 mkdir -p /usr/share/man/man1',
      '2 npm install pnpm@latest -g',
      '3 apk add --no-cache $INSTALL_ABIWORD',
      '4 groupadd --system $EP_GID app',
    ]);
    // what lexes as it is stays as written
    expect(parseShellLine('echo ${HOME:-/root} "${A:+x}"').map((c) => c.argv.join(' '))).toEqual(['echo $HOME:-/root $A:+x']);
  });

  it('runs nothing for a for loop header; its body and what follows are commands', () => {
    expect(parseShellLine('for i in 1 2 3; do npx prisma migrate deploy && break; sleep 3; done; exec node dist/main.js').map((c) => c.argv[0])).toEqual(['npx', 'break', 'sleep', 'exec']);
  });

  it('keeps an unquoted command substitution in its word: an assignment prefix stays with its command', () => {
    const read = (line: string) => parseShellLine(line).map((c) => ({ argv: c.argv.join(' '), env: c.assignments.map((a) => `${a.name}=${a.value}`).join(' ') }));
    // laudspeaker's `RUN REACT_APP_SENTRY_RELEASE=$(./node_modules/.bin/sentry-cli releases propose-version) npm run build:client`
    expect(read('RELEASE=$(./bin/sentry-cli releases propose-version) npm run build:client')).toEqual([{ argv: 'npm run build:client', env: 'RELEASE=$(./bin/sentry-cli releases propose-version)' }]);
    expect(read('A=$((1 + 2)) B=$(cat x | tr a b) node x.js --v=$(printf %s "a)b")')).toEqual([{ argv: 'node x.js --v=$(printf %s "a)b")', env: 'A=$((1 + 2)) B=$(cat x | tr a b)' }]);
    // near misses: single-quoted text is no substitution; an unclosed one is read as before
    expect(read("echo '$(not) a' && node a.js")).toEqual([{ argv: 'echo $(not) a', env: '' }, { argv: 'node a.js', env: '' }]);
    expect(read('A=$(cat x').map((c) => c.argv)).toEqual(['', 'cat x']);
  });

  it('puts a group followed by `&` in the background at its last command, the one that keeps running', () => {
    const bg = (line: string) => parseShellLine(line).map((c) => `${c.argv[0]}${c.background ? ' &' : ''}`);
    expect(bg('(cd srv && prisma migrate deploy && node main.js) & sleep 10; reporter --silent > /dev/null & wait -n')).toEqual(['cd', 'prisma', 'node &', 'sleep', 'reporter &', 'wait']);
    // near misses: a group run in the foreground, and a case pattern's `)` before a background job
    expect(bg('(cd srv && node main.js); worker &')).toEqual(['cd', 'node', 'worker &']);
    expect(bg('case "$MODE" in web) node web.js & ;; esac')).toEqual(['node &']);
  });
});

describe('case statements', () => {
  const dispatch = [
    '#!/bin/sh',
    'case "${1}" in',
    '  "api"|web)',
    '    exec node api.js',
    '    ;;',
    '  work*) exec node worker.js ;;',
    '  *)',
    '    echo "unknown: $1"; exit 2',
    'esac',
    'echo after',
  ].join('\n');
  const lines = (cmds: readonly { lineOffset: number; argv: string[] }[]) => cmds.map((c) => `${c.lineOffset + 1} ${c.argv.join(' ')}`);

  it('marks each command with the arm it is in; `a|b)` is a pattern list, not a pipe into a command', () => {
    const cmds = parseShellScript(dispatch);
    expect(lines(cmds)).toEqual(['4 exec node api.js', '6 exec node worker.js', '8 echo unknown: $1', '8 exit 2', '10 echo after']);
    expect(cmds[0]!.caseArms).toEqual([{ caseId: 0, arm: 0, word: '$1', patterns: ['api', 'web'], earlier: [] }]);
    expect(cmds[1]!.caseArms).toEqual([{ caseId: 0, arm: 1, word: '$1', patterns: ['work*'], earlier: ['api', 'web'] }]);
    expect(cmds[2]!.caseArms?.[0]).toMatchObject({ arm: 2, patterns: ['*'] });
    expect(cmds[4]!.caseArms).toBeUndefined();
  });

  it('reads a case written on one line, and a case nested in an arm', () => {
    const one = parseShellLine('case $1 in a|b) run-a ;; c) run-c ;; esac; after');
    expect(one.map((c) => [c.argv[0], c.caseArms?.map((a) => a.patterns.join('|'))])).toEqual([
      ['run-a', ['a|b']],
      ['run-c', ['c']],
      ['after', undefined],
    ]);
    const nested = parseShellScript(['case $1 in', '  web)', '    case $2 in', '      debug) node --inspect a.js ;;', '    esac', '    ;;', 'esac'].join('\n'));
    expect(nested[0]!.caseArms?.map((a) => `${a.word}:${a.patterns.join('|')}`)).toEqual(['$1:web', '$2:debug']);
  });

  it('reads a case after `then` on its line, and keeps counting past cases nested deeper than it tracks', () => {
    const after = parseShellScript(['if [ -n "$1" ]; then case "$1" in', '  web) exec node web.js ;;', '  *) exec node worker.js ;;', 'esac; fi'].join('\n'));
    expect(commandsRunWith(after, ['web']).map((c) => c.argv.join(' '))).toEqual(['[ -n $1 ]', 'exec node web.js']);
    // Twelve nested cases: the four past the bound are not tracked, and their esacs close none of the
    // eight that are, so the outer arm still holds the command after them.
    const nested = [...Array.from({ length: 12 }, (_, i) => `case $${i + 1} in a${i})`), 'node deep.js', ...Array.from({ length: 11 }, () => ';; esac'), 'node outer-arm.js', ';; esac'].join('\n');
    const cmds = parseShellScript(nested);
    expect(cmds.find((c) => c.argv[1] === 'outer-arm.js')!.caseArms?.map((a) => a.word)).toEqual(['$1']);
  });

  it('keeps only the arm the first argument selects: the first arm that matches, `*` when none before it does', () => {
    const cmds = parseShellScript(dispatch);
    expect(lines(commandsRunWith(cmds, ['web']))).toEqual(['4 exec node api.js', '10 echo after']);
    expect(lines(commandsRunWith(cmds, ['worker-2']))).toEqual(['6 exec node worker.js', '10 echo after']);
    expect(lines(commandsRunWith(cmds, ['other']))).toEqual(['8 echo unknown: $1', '8 exit 2', '10 echo after']);
  });

  it('keeps every arm when the argument cannot be known (near misses): none given, a variable, a script that shifts, a pattern with a variable', () => {
    const cmds = parseShellScript(dispatch);
    expect(commandsRunWith(cmds, [])).toHaveLength(5);
    expect(commandsRunWith(cmds, ['$MODE'])).toHaveLength(5);
    expect(commandsRunWith(parseShellScript(`shift\n${dispatch}`), ['web'])).toHaveLength(6);
    const variable = parseShellScript('case $1 in\n  $ROLE) exec node a.js ;;\n  web) exec node b.js ;;\nesac');
    expect(lines(commandsRunWith(variable, ['web']))).toEqual(['2 exec node a.js', '3 exec node b.js']);
    // A case on another word is not decided by the first argument.
    const other = parseShellScript('case "$NODE_ENV" in\n  production) exec node a.js ;;\nesac');
    expect(commandsRunWith(other, ['web'])).toHaveLength(1);
  });

  it('bounds what a hostile script of many arms makes each command carry: later arms are followed as before', () => {
    const arms = Array.from({ length: 2000 }, (_, i) => `  p${i}) node a${i}.js ;;`);
    const cmds = parseShellScript(['case $1 in', ...arms, 'esac'].join('\n'));
    expect(cmds).toHaveLength(2000);
    expect(Math.max(...cmds.map((c) => c.caseArms?.[0]?.earlier.length ?? 0))).toBeLessThanOrEqual(64);
    expect(cmds[1999]!.caseArms).toBeUndefined();
    // p0 selects the first arm; arms past the bound are kept, as every arm was before cases were read.
    expect(commandsRunWith(cmds, ['p0'])[0]!.argv).toEqual(['node', 'a0.js']);
    expect(commandsRunWith(cmds, ['p0']).length).toBe(2000 - 64);
  });

  it('tells commands in other arms of one case apart from commands after it', () => {
    const [api, worker, echo, , after] = parseShellScript(dispatch);
    expect(inOtherArms(api!, worker!)).toBe(true);
    expect(inOtherArms(api!, echo!)).toBe(true);
    expect(inOtherArms(api!, after!)).toBe(false);
  });

  it('matches shell patterns without building a regular expression from them', () => {
    expect(globMatches('s*e', 'serve')).toBe(true);
    expect(globMatches('s?rve', 'serve')).toBe(true);
    expect(globMatches('[a-c]x', 'bx')).toBe(true);
    expect(globMatches('[!a]x', 'ax')).toBe(false);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('web', 'webs')).toBe(false);
    expect(globMatches('*a*a*a*a*a*a*a*a*b', 'a'.repeat(200))).toBe(false);
    expect(globMatches('x'.repeat(300), 'x')).toBeUndefined();
  });
});

describe('wrappers', () => {
  it('looks through cross-env, dotenv -e … --, dotenvx run --, env-cmd -f', () => {
    expect(effectiveArgv(['cross-env', 'NODE_ENV=production', 'PORT=1', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    expect(effectiveArgv(['dotenv', '-e', '.env', '-e', '.env.local', '--', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    expect(effectiveArgv(['dotenvx', 'run', '-f', '.env', '--', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    expect(effectiveArgv(['env-cmd', '-f', '.env', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    // Near miss: `dotenv` as a program argument is not a wrapper.
    expect(effectiveArgv(['node', '-r', 'dotenv/config', 'x.js']).argv).toEqual(['node', '-r', 'dotenv/config', 'x.js']);
  });

  it('looks through coverage runners: nyc and c8 run their command', () => {
    expect(effectiveArgv(['nyc', '--silent', 'ts-node', '-P', 'tsconfig.json', 'backend/app.ts']).argv).toEqual(['ts-node', '-P', 'tsconfig.json', 'backend/app.ts']);
    expect(effectiveArgv(['c8', '-r', 'lcov', '--reporter=text', 'node', 'server.js']).argv).toEqual(['node', 'server.js']);
  });

  it('looks through user switches that exec their command: runuser -u, sudo -u, setpriv, s6-setuidgid', () => {
    expect(effectiveArgv(['exec', 'runuser', '-u', 'node', '--', 'node', 'app.js'])).toEqual({ argv: ['node', 'app.js'], wrappers: ['exec', 'runuser'] });
    expect(effectiveArgv(['sudo', '-E', '-u', 'app', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    expect(effectiveArgv(['setpriv', '--reuid=1000', '--regid=1000', '--init-groups', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    expect(effectiveArgv(['s6-setuidgid', 'app', 'node', 'x.js']).argv).toEqual(['node', 'x.js']);
    // Near miss: the -c form runs its command through a shell, which is not looked through here.
    expect(effectiveArgv(['runuser', '-l', 'node', '-c', 'node app.js']).argv).toEqual(['runuser', '-l', 'node', '-c', 'node app.js']);
    // sudo has no -c of its own: a -c after its options is the shell's it runs (Perplexica's SearXNG).
    expect(effectiveArgv(['sudo', '-H', '-u', 'searxng', 'bash', '-c', 'cd /srv && python -m flask run']).argv).toEqual(['bash', '-c', 'cd /srv && python -m flask run']);
  });
});
