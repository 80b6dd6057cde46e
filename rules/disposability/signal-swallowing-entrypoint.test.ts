import rule from './signal-swallowing-entrypoint.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // forwarded: exec "$@" after a migration; tini in front of npm start; `exec` in a shell-form CMD;
  // compose init: true; a dev Dockerfile.
  // copied-entry-script-exec: the script copied to /usr/src/app/start.sh execs node.
  // migrate-then-exec: a migration run of the same file the script waits for, then `exec`: no parent.
  // trap-forwards: the entry script traps SIGTERM and passes it on to its child itself.
  // next-standalone-script-exec: the start script execs Next.js's standalone server.
  // gosu-entry-script: gosu switches user and execs node. su-c-entry-script: behind `su -c` the
  // signal's way depends on su and on the user's shell, which the files do not say: silent.
  // shell-form-cmd-alpine: BusyBox's sh (Alpine) execs the last command of a shell-form CMD, so node
  // replaces it as PID 1 (shell-form-cmd, on Debian, whose dash does not, is reported).
  // dev-named-entry-script: entry-script-no-exec's image, whose script is named startup.dev.sh: a
  // developer's quick-run set-up, not a deployment.
  valid: ['forwarded', 'copied-entry-script-exec', 'migrate-then-exec', 'trap-forwards', 'next-standalone-script-exec', 'gosu-entry-script', 'su-c-entry-script', 'shell-form-cmd-alpine', 'dev-named-entry-script'],
  invalid: [
    {
      // The server line itself has no exec: reported there, not at the migration before it.
      fixture: 'migrate-then-no-exec',
      errors: [{ file: 'docker/start.sh', line: 4, message: 'started by a shell without `exec`' }],
    },
    { fixture: 'shell-form-cmd', errors: [{ file: 'Dockerfile', line: 4, message: 'Dockerfile CMD is in shell form' }] },
    { fixture: 'npm-start', errors: [{ file: 'Dockerfile', line: 4, message: '`npm start` runs in front of the server' }] },
    {
      // compose's `command` replaces CMD, which a shell-form ENTRYPOINT drops: the ENTRYPOINT is what
      // runs, and the command's `npm run` is not judged.
      fixture: 'compose-command-under-shell-entrypoint',
      errors: [{ file: 'Dockerfile', line: 4, message: 'Dockerfile ENTRYPOINT is in shell form' }],
    },
    { fixture: 'entry-script-no-exec', errors: [{ file: 'docker-entrypoint.sh', line: 4, message: 'started by a shell' }] },
    {
      // tini in front signals its own child only, the shell, which passes nothing on to node; tini -g
      // (the child's process group) and dumb-init (the group by default) reach node (near misses:
      // Dockerfile.group and Dockerfile.dumb run the same script).
      fixture: 'init-child-only',
      errors: [{ file: 'docker-entrypoint.sh', line: 4, message: 'the shell stays its parent and does not forward signals (the init in front passes signals to its own child only)' }],
    },
    {
      // CMD names the image path /usr/src/app/start.sh; COPY says it is docker/start.sh of the repository.
      fixture: 'copied-entry-script',
      errors: [{ file: 'docker/start.sh', line: 3, message: 'started by a shell', related: ['Dockerfile:5', 'Dockerfile:5', 'docker/start.sh:3', 'src/server.js:1'] }],
    },
    {
      // The script is copied by name from the build stage, and a build's output folder is copied over
      // the same folder after it: that generated folder is not known to hold boot.sh, so the line
      // that names it says where the script comes from.
      fixture: 'script-beside-build-output',
      errors: [{ file: 'ops/boot.sh', line: 3, message: 'started by a shell without `exec`' }],
    },
    {
      // Next.js's standalone server.js is written by `next build`, so no source file is reached; it is
      // a server all the same, and the script in front of it does not exec it.
      fixture: 'next-standalone-script',
      errors: [{ file: 'scripts/start.sh', line: 4, message: 'started by a shell without `exec`', related: ['Dockerfile:11', 'Dockerfile:11', 'scripts/start.sh:4'] }],
    },
    {
      // pnpm --filter runs the workspace package's start script, and stays in front as its parent.
      fixture: 'pnpm-filter-chain',
      errors: [{ file: 'Dockerfile', line: 4, message: '`pnpm --filter @acme/api` runs in front of the server', related: ['Dockerfile:4', 'Dockerfile:4', 'packages/api/package.json:1', 'packages/api/src/server.js:1'] }],
    },
    {
      // The CMD gives the entry script `serve`, so only that arm of its `case "$1"` runs: the npm in
      // front of the server is reported, not the key-rotation arm's (a one-off task run on demand).
      fixture: 'case-dispatch-entry-script',
      errors: [{ file: 'run.sh', line: 5, message: '`npm run serve` runs in front of the server' }],
    },
    {
      // The `web` arm's node is the script's last command for that argument: the migration and worker
      // arms written after it run instead of it, never after it, so it is no one-off step.
      fixture: 'case-dispatch-no-exec',
      errors: [{ file: 'entry.sh', line: 5, message: 'started by a shell without `exec`' }],
    },
    {
      fixture: 'sh-c-in-compose-and-k8s',
      errors: [
        { file: 'compose.yaml', line: 4, message: 'compose service web command' },
        // The script runs from args (command is only sh -c): the finding points at the script.
        { file: 'k8s/web.yaml', line: 16, message: 'Deployment web container web' },
      ],
    },
  ],
});
