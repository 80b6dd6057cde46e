import rule from './multiple-processes-per-container.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // one-process: migrations before `exec "$@"`; concurrently only in scripts.start while the image
  // runs node directly; npm-run-all -p in a dev compose file.
  // waits-for-its-child: a wait-for helper backgrounds its check and waits for it; its case
  // patterns (`-q | --quiet)`) are no commands.
  // nginx-in-foreground: nginx -t, then nginx with `daemon off;` as the one process.
  // dev-mode-start: `cross-env NODE_ENV=development concurrently ...` is a developer's run, and no container runs it.
  // mongo-replica-setup: `mongod &` then a mongosh loop that initiates the replica set and exits, then wait.
  // dev-servers-start: a start script whose every process is a dev server (`pnpm -C ./playground/frontend dev`).
  // helper-and-batch-steps: a virtual display for the process beside it, and a proxy that lives for one
  // measurement the script waits for (then shell arithmetic, which is no process).
  valid: ['one-process', 'waits-for-its-child', 'nginx-in-foreground', 'dev-mode-start', 'mongo-replica-setup', 'dev-servers-start', 'helper-and-batch-steps'],
  invalid: [
    { fixture: 'supervisord', errors: [{ file: 'Dockerfile', line: 4, message: 'supervisord runs several processes' }] },
    // Near miss of dev-servers-start: two of the app's own processes, no container declared either.
    { fixture: 'start-two-services', errors: [{ file: 'package.json', line: 5, message: 'concurrently runs several processes' }] },
    { fixture: 'concurrently-start', errors: [{ file: 'package.json', line: 5, message: 'concurrently runs several processes in one container (Dockerfile CMD → npm start)' }] },
    // The server in the foreground is the process even with `exec "$@"` after it (no step before real work).
    { fixture: 'serve-then-exec-args', errors: [{ file: 'entrypoint.sh', line: 4, message: '`nginx` (it puts itself in the background) runs beside `node server.js`' }] },
    { fixture: 'background-and', errors: [{ file: 'start.sh', line: 3, message: '`node worker.js &` runs beside `node api.js`' }] },
    // Three processes of one script are one finding; a shell builtin (kill, break) is never the other
    // process, nor a command that finished before (node migrate.js).
    { fixture: 'one-script-several-processes', errors: [{ file: 'run.sh', line: 3, message: "`nginx -g &` runs beside `redis-server /app/redis.conf` and `node server.js`" }] },
    // A group in the background (`(migrate && node main.js) &`) is one process: its server, beside the agent.
    { fixture: 'background-group', errors: [{ file: 'Dockerfile', line: 6, message: '`node dist/main.js &` runs beside `/usr/local/bin/metrics-agent --silent`' }] },
    // nginx daemonizes itself unless told `daemon off;`: the script's node then runs beside it.
    { fixture: 'self-daemonizing', errors: [{ file: 'start.sh', line: 3, message: '`nginx` (it puts itself in the background) runs beside `node dist/main.js`' }] },
    { fixture: 'js-launcher', errors: [{ file: 'launcher.ts', line: 4, message: 'launcher.ts launches 2 long-running child processes' }] },
  ],
});
