// Whether SIGTERM reaches the process a run command starts: the first place on the chain that puts a
// process in front of the server without forwarding signals (a shell-form Dockerfile command, a
// package manager as the server's parent, an entry script without `exec`), and which signal a
// process manager in front of it sends instead (pm2 stops its apps with SIGINT). Read by
// disposability/signal-swallowing-entrypoint, which reports that place, and by
// disposability/missing-sigterm-handler, whose message says the signal does not arrive yet either.

import type { ProjectModel } from './project-model.js';
import type { RunLeaf } from './run-commands.js';
import { stageChain } from './docker-commands.js';

const PACKAGE_MANAGER_STEP = /^(npm|yarn|pnpm|bun) /;
/** A step that switches user through a shell: `su -c …`, `su node -c …`, `runuser app -c …`. */
const SWITCH_USER_STEP = /^(\S*\/)?(su|runuser) /;

export interface SignalBlock {
  at: { file: string; line: number; column: number };
  why: string;
}

/** Where the chain of `leaf` keeps SIGTERM from its process, or undefined when the signal arrives (an init in front counts). */
export function signalBlockedAt(leaf: RunLeaf): SignalBlock | undefined {
  const command = leaf.command;
  // Only a container's PID 1 matters: Heroku signals every process of a dyno (a Procfile's `npm
  // start` passes nothing on and needs not), and a package.json start alone says nothing of a container.
  if (command.origin !== 'dockerfile' && command.origin !== 'compose' && command.origin !== 'k8s') return undefined;
  // An init that signals the child's whole process group (dumb-init) reaches the server wherever
  // it is; one that signals its child only (tini, docker's --init) reaches a shell that is that
  // child, and a shell passes nothing on (zipline's `tini -- docker-entrypoint.sh`, whose last line
  // runs node without exec). A package manager as that child is left to the init: npm 7 and later
  // pass SIGTERM on to the script they run.
  if (command.hasInit && !command.initSignalsChildOnly) return undefined;
  const behindInit = command.hasInit ? ' (the init in front passes signals to its own child only)' : '';
  // The command's own shell execs: `exec` written first, or BusyBox's sh (Alpine) exec'ing its last command.
  const firstHopExecs = leaf.firstShellExecs === true || (leaf.chain.length === 0 ? !leaf.viaShell : /^\s*exec\s/.test(command.argv.join(' ')));
  if (!command.hasInit && command.form === 'shell' && command.origin === 'dockerfile' && !firstHopExecs) {
    return { at: command.at, why: `${command.label} is in shell form: /bin/sh -c is PID 1 and does not forward signals` };
  }
  const pm = leaf.chain.find((s) => PACKAGE_MANAGER_STEP.test(s.label));
  if (pm && command.hasInit) return undefined;
  if (pm) return { at: pm, why: `\`${pm.label}\` runs in front of the server as its parent: the package manager does not reliably forward SIGTERM and wait` };
  // Behind `su -c` (or runuser's -c form) the signal's way depends on what cannot be read here:
  // util-linux's and shadow's su pass SIGTERM on to the user's shell (and kill it two seconds later),
  // and that shell passes it on only if it execs its one command (bash does, dash does not). A judge
  // found Trilium's `exec su -c "node ./src/main" node` reaching node; so no finding (a miss costs less).
  if (leaf.chain.some((s) => SWITCH_USER_STEP.test(s.label))) return undefined;
  // A script that traps SIGTERM passes it on itself (browserless's start.sh forwards it to node and
  // waits until node is gone).
  if (leaf.viaShell && !leaf.signalsTrapped) {
    const shellStep = [...leaf.chain].reverse().find((s) => s.label.startsWith('sh ') || s.label.startsWith('bash ') || s.label.startsWith('/bin/'));
    return { at: leaf.at, why: `the server is started by a shell${shellStep ? ` (${shellStep.label})` : ''} without \`exec\`: the shell stays ${command.hasInit ? 'its parent' : 'PID 1'} and does not forward signals${behindInit}` };
  }
  return undefined;
}

/**
 * Whether the chain of `leaf` makes node itself the container's PID 1 (exec form, no init, no shell
 * in between). The kernel gives PID 1 no default action for SIGTERM: without a handler, node ignores
 * it, and every stop waits out the grace period before SIGKILL (codex.docs).
 */
export function nodeIsPid1(leaf: RunLeaf): boolean {
  const command = leaf.command;
  if (command.origin !== 'dockerfile' && command.origin !== 'compose' && command.origin !== 'k8s') return false;
  if (command.hasInit || leaf.viaShell || leaf.chain.length > 0 || leaf.wrappers.some((w) => w !== 'exec')) return false;
  return /^(node|nodejs)$/.test(leaf.argv[0]?.split('/').pop() ?? '');
}

/** pm2 and its container launchers, as a leaf's program or a step of its chain (`pm2 start app.js`, `pm2-runtime ecosystem.config.js`). */
const PM2 = /^(pm2|pm2-runtime|pm2-docker)$/;
const PM2_STEP = /^(pm2|pm2-runtime|pm2-docker)\s/;

/** OpenFaaS's watchdog, as a leaf's program or a step of its chain (`fwatchdog`, `/usr/bin/fwatchdog`). */
const WATCHDOG = /^fwatchdog$/;

/**
 * The supervisor in front of the process of `leaf` that owns its graceful shutdown: OpenFaaS's
 * watchdog takes the container's SIGTERM, stops taking requests and waits for those in flight
 * before it exits, so the function's own process needs no handler.
 */
export function shutdownOwnedByManager(leaf: RunLeaf): { manager: string } | undefined {
  const named = (word: string | undefined) => WATCHDOG.test(word?.split(' ')[0]?.split('/').pop() ?? '');
  if (named(leaf.argv[0]) || leaf.chain.some((s) => named(s.label))) return { manager: 'the OpenFaaS watchdog' };
  return undefined;
}

/**
 * The signal the process of `leaf` is stopped with when it is not SIGTERM, and what says so; a
 * handler of that signal is then its graceful shutdown. pm2 in front stops its apps with SIGINT, its
 * default `kill_signal` (pm2-runtime turns the container's SIGTERM into a SIGINT to each app); else
 * the image's Dockerfile may name another (`STOPSIGNAL SIGINT`, inherited from the stages it is built
 * FROM), which `docker stop` and Kubernetes send instead of SIGTERM.
 */
export function stopSignalOf(model: ProjectModel, leaf: RunLeaf): { signal: string; by: string } | undefined {
  const program = leaf.argv[0]?.split('/').pop() ?? '';
  if (PM2.test(program) || leaf.chain.some((s) => PM2_STEP.test(s.label))) return { signal: 'SIGINT', by: 'pm2 runs it and stops it with SIGINT (its default kill_signal)' };
  const image = leaf.command.image;
  const facts = image ? model.files.get(image.dockerfile)?.facts : undefined;
  const stage = facts?.kind === 'dockerfile' && image ? facts.stages[image.stage] : undefined;
  if (facts?.kind !== 'dockerfile' || !stage) return undefined;
  // stageChain lists the stage first, then the stages it is built FROM: the nearest STOPSIGNAL wins.
  for (const s of stageChain(facts, stage)) {
    const stop = [...s.instructions].reverse().find((i) => i.keyword === 'STOPSIGNAL');
    if (!stop) continue;
    const word = stop.text.trim().toUpperCase();
    const named = /^\d+$/.test(word) ? SIGNAL_NUMBERS[Number(word)] : word.startsWith('SIG') ? word : `SIG${word}`;
    return named === undefined || named === 'SIGTERM' ? undefined : { signal: named, by: `The image is stopped with ${named} (STOPSIGNAL, ${image!.dockerfile}:${stop.line})` };
  }
  return undefined;
}

const SIGNAL_NUMBERS: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 15: 'SIGTERM' };
