import { defineRule } from '../../src/rule-api/types.js';
import { describeChain, type RunLeaf } from '../../src/model/run-commands.js';
import { isNonProduction, runsDevServer } from '../../src/model/file-role.js';
import { leafEntries } from '../../src/model/services.js';
import { startsNodeProcess } from '../../src/knowledge/system-tools.js';

/** Programs that start and stop on their own (setup steps of an entry script), not services. */
/** Shell builtins and one-shot commands: never the other long-running process of a container. */
// Database clients and readiness probes (`until mongosh --eval ...; do sleep 1; done`) run a query and exit.
const SHORT_LIVED = /^(echo|printf|true|false|:|sleep|set|export|cd|test|\[|\[\[|mkdir|chown|chmod|cp|mv|rm|ln|cat|envsubst|wait|tail|trap|ulimit|umask|unset|exit|kill|break|continue|return|shift|local|read|source|\.|eval|let|declare|typeset|readonly|getopts|npx|prisma|node-pg-migrate|knex|sequelize|typeorm|seq|date|sed|awk|grep|cut|tr|head|wc|sort|uniq|basename|dirname|expr|printenv|whoami|id|hostname|uname|touch|ls|find|xargs|curl|wget|mongosh|mongo|psql|mysql|mysqladmin|redis-cli|pg_isready|nc|netcat)$/;
/**
 * Helpers that exist only for the process beside them, one to one, and stop with it: a virtual display
 * for the headless browsers of the same node process (browserless starts Xvfb only when no DISPLAY is
 * given), a session bus for them. Not a process type of their own to scale.
 */
const LOCAL_HELPER = /^(Xvfb|Xvnc|xvfb-run|dbus-daemon|dbus-launch)$/;
/** A shell assignment, bash's `NAME+=value` included (`RESULT+=$?`): no program. */
const ASSIGNMENT = /^[A-Za-z_]\w*\+?=/;

const messages = {
  severalProcesses: '{{why}} in one container ({{chain}}): scale process types separately.',
  launcher: '{{entry}} launches {{count}} long-running child processes ({{children}}) in one container ({{chain}}): scale process types separately.',
};

export default defineRule({
  id: 'concurrency/multiple-processes-per-container',
  factor: 'concurrency',
  severity: 'warning',
  // Measured over the bar (accuracy/evidence.json: 11 judged, 8 true, 3 debatable): warning by default.
  targets: ['xf', 'dockerfile', 'compose', 'k8s', 'package-json', 'procfile', 'ts'],
  docs: {
    description:
      'One container (or dyno) runs several long-running processes: supervisord, `a & b`, `concurrently`/`npm-run-all -p`/`run-p` as the run command, or a JS launcher that spawns several long-running children',
    remediation:
      'Give each process type its own container / Deployment / Procfile line with its own command, and scale them independently; share the image, not the container.',
  },
  messages,
  checkProject(model, ctx) {
    const runs = model.runCommands();
    // package.json scripts.start counts on its own only where nothing else declares how to run.
    const deployed = runs.some((r) => r.command.origin !== 'package-start');
    const seen = new Set<string>();
    const report = (leaf: RunLeaf, why: string) => {
      const key = `${leaf.at.file}:${leaf.at.line}`;
      if (seen.has(key)) return;
      seen.add(key);
      ctx.report({ loc: leaf.at, messageId: 'severalProcesses', data: { why, chain: describeChain(leaf) }, evidence: leaf.argv.slice(0, 6).join(' ') });
    };
    for (const { command, leaves } of runs) {
      if (isNonProduction(command.environment)) continue;
      if (command.origin === 'package-start' && deployed) continue;
      leaves.forEach((leaf, i) => {
        const program = (leaf.argv[0] ?? '').split('/').pop() ?? '';
        if (program === 'supervisord') return report(leaf, 'supervisord runs several processes');
        if (program === 'concurrently') {
          // A start script (no container declares how to run) whose every process is a dev server or
          // watcher is a developer's loop: hocuspocus's `start` runs its playground's front end and
          // back end with `pnpm -C ... dev`.
          const commands = leaf.argv.slice(1).filter((a) => !a.startsWith('-'));
          if (command.origin === 'package-start' && commands.length > 0 && commands.every(runsDevServer)) return;
          return report(leaf, 'concurrently runs several processes');
        }
        if (program === 'run-p' || (program === 'npm-run-all' && leaf.argv.some((a) => a === '-p' || a === '--parallel' || a === '-P'))) {
          return report(leaf, `${program} runs scripts in parallel`);
        }
        // `a & b`: another long-running command of the same script runs beside it. One finding per
        // script, at its first backgrounded process, naming the others (a script that starts nginx,
        // redis and node is one root cause).
        if (inBackground(leaf) && longRunning(leaf) && !leaves.slice(0, i).some((l) => l.at.file === leaf.at.file && inBackground(l) && longRunning(l))) {
          // What ran before it has finished (it ran in the foreground); what follows runs beside it,
          // up to a `wait` for it (wait-for-it.sh backgrounds `timeout` and waits for it: one at a time).
          const rest = leaves.slice(i + 1).filter((l) => l.at.file === leaf.at.file);
          const waitAt = rest.findIndex((l) => programOf(l) === 'wait');
          // The same program backgrounded again before that wait is the other branch of an if/else
          // (`if [ $QUIET ]; then timeout ... --quiet & else timeout ... & fi`), not a second process.
          const same = (l: RunLeaf) => inBackground(l) && l.argv.slice(0, 2).join(' ') === leaf.argv.slice(0, 2).join(' ');
          // A one-off step the script waits for (a measurement run, a migration) ends: it runs beside
          // the background process for a while, and is no second process type.
          const others = (waitAt < 0 ? rest : rest.slice(0, waitAt).filter((l) => !same(l))).filter((l) => longRunning(l) && !l.step);
          const names = [...new Set(others.map((l) => `\`${l.argv.slice(0, 2).join(' ')}\``))];
          const self = leaf.shell?.background ? `\`${leaf.argv.slice(0, 2).join(' ')} &\`` : `\`${leaf.argv.slice(0, 2).join(' ')}\` (it puts itself in the background)`;
          if (names.length > 0) report(leaf, `${self} runs beside ${names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(' and ')}`);
        }
      });
      // A JS launcher that forks several long-running children.
      for (const leaf of leaves) {
        for (const entry of leafEntries(model, leaf)) {
          const facts = model.files.get(entry)?.facts;
          if (facts?.kind !== 'ts') continue;
          const children = facts.childProcesses.filter((c) => startsNodeProcess(c));
          if (children.length < 2) continue;
          const second = children[1]!;
          const key = `${entry}:${second.line}`;
          if (seen.has(key)) continue;
          seen.add(key);
          ctx.report({
            loc: { file: entry, line: second.line, column: second.column },
            messageId: 'launcher',
            data: { entry, count: children.length, children: children.map((c) => `${c.fn} line ${c.line}`).join(', '), chain: describeChain(leaf) },
          });
        }
      }
    }
  },
});

/**
 * A command run with `&`, or a server that daemonizes itself unless told not to: nginx without
 * `daemon off;`, php-fpm without -F, sshd without -D, cron/crond without -f or -n. In a script that
 * then runs another process, both keep running in the container.
 */
function inBackground(leaf: RunLeaf): boolean {
  if (leaf.shell?.background) return true;
  const program = programOf(leaf);
  const args = leaf.argv.slice(1);
  if (program === 'nginx') return !args.some((a) => /daemon\s+off/.test(a)) && !args.some((a) => a === '-t' || a === '-s' || a === '-v' || a === '-V' || a === '-T');
  if (program === 'php-fpm' || /^php-fpm\d/.test(program)) return !args.some((a) => a === '-F' || a === '--nodaemonize' || a === '-t');
  if (program === 'sshd') return !args.some((a) => a === '-D' || a === '-t');
  if (program === 'crond' || program === 'cron') return !args.some((a) => a === '-f' || a === '-n');
  return false;
}

function programOf(leaf: RunLeaf): string {
  return (leaf.argv[0] ?? '').split('/').pop() ?? '';
}

/** A command that may keep running; an option word (`-q`, a case pattern's alternative) is no program. */
function longRunning(leaf: RunLeaf): boolean {
  const program = programOf(leaf);
  return program !== '' && !program.startsWith('-') && !ASSIGNMENT.test(leaf.argv[0] ?? '') && !SHORT_LIVED.test(program) && !LOCAL_HELPER.test(program);
}
