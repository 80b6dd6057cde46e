import rule from './missing-sigterm-handler.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  // samples-repository: a collection of documentation samples (its root package.json says so) teaches one thing per program.
  valid: ['samples-repository', 'pm2-stops-with-sigint', 'chained-signal-handler', 'test-package-server', 'handler-in-imported-module', 'graceful-helper', 'nest-shutdown-hooks', 'signals-in-a-loop', 'library-factory', 'test-server-only', 'cli-dev-server', 'sigterm-logs-then-closes', 'subscribe-callback-not-a-server', 'handler-behind-alias',
    // A build file that starts the server (the app itself handles SIGTERM), a one-off tool beside a
    // service whose start script names another file, a dev tool: no platform sends them SIGTERM.
    'gruntfile-starts-server', 'one-off-tool-not-run',
    // The only start script runs in development mode (cross-env NODE_ENV=development): a demo's API, not a deployment.
    'dev-mode-start',
    // A collection of examples with no root package.json: its README's title says so.
    'samples-by-readme', 'samples-name-first',
    // One example application of an API, as its README's first sentence says.
    'example-app-by-readme',
    // The handler loops over a list of signals another file exports (sourcebot's SHUTDOWN_SIGNALS).
    'signals-from-a-list',
    // The image starts a wrapper (app.js) that requires the build of src/main.ts and handles SIGTERM: one process.
    'wrapper-handles-sigterm',
    // A published library's main (its users' processes call attach()), and a server only a CI step starts.
    'published-library', 'ci-started-server',
    // An Electron app's main process serving its window on a loopback port: a desktop, not a platform.
    'electron-app',
    // A CLI that imports the server module but forks the process that calls it and handles SIGTERM.
    'cli-forks-the-server',
    // A published CLI's OAuth callback on a loopback port: it serves while its user waits, and no
    // deployed unit runs it (inbox-zero's port probe, midday's login, logto's tunnel).
    'cli-oauth-callback',
    // The handler is registered by a workspace package the service imports by its name (@shop/telemetry).
    'handler-in-workspace-package',
    // OpenFaaS's watchdog runs the function's server (its fprocess) and drains requests itself on SIGTERM.
    'watchdog-owns-shutdown',
    // The image runs the server.js Next.js's standalone output holds (next.config's distDir web_build),
    // not the app's custom dev server of the same name.
    'next-standalone-custom-distdir',
    // The image is stopped with SIGINT (STOPSIGNAL, inherited from its base stage), which the server handles.
    'stopsignal-sigint',
    // A published library's usage example at its root: a server nothing deploys.
    'library-usage-example'],
  invalid: [
    {
      // The entry script switches user with `su -c`: the run chain follows the command through the
      // user's shell to the server, which the image runs.
      fixture: 'started-through-su-c',
      errors: [{ file: 'src/server.js', line: 3, message: 'run by Dockerfile' }],
    },
    {
      // The server starts in an imported module; the finding names the entrypoint that runs it.
      fixture: 'entry-imports-server',
      errors: [{ file: 'src/server.ts', line: 6, column: 3, message: 'for entrypoint src/index.ts' }],
    },
    {
      // CMD runs dist/main.js, mapped back to src/main.ts through tsconfig outDir/rootDir.
      fixture: 'nest-dockerfile-dist',
      errors: [{ file: 'src/main.ts', line: 7, message: 'It handles SIGINT only' }],
    },
    {
      // The handler is reported, not the server: it takes SIGTERM over and keeps the process up.
      fixture: 'sigterm-only-logs',
      errors: [{ file: 'src/index.ts', line: 9, message: 'This handles SIGTERM but only logs: the process keeps running until SIGKILL, so a server (listen) at src/index.ts:6 is never closed' }],
    },
    {
      // A page that answers every request with 503 (launcher/) is not judged; the app beside it is.
      fixture: 'maintenance-page',
      errors: [{ file: 'server.mjs', line: 4, message: 'This starts a server (listen)' }],
    },
    {
      // No handler, and the shell-form CMD would not pass SIGTERM on: the message says both.
      fixture: 'shell-form-cmd',
      errors: [{ file: 'src/server.js', line: 2, message: 'SIGTERM does not reach it yet either (Dockerfile:4: Dockerfile CMD is in shell form: /bin/sh -c is PID 1 and does not forward signals).' }],
    },
    {
      // Only a dev script names the server, but the image's start runs a build the model cannot map back: still judged.
      fixture: 'dev-script-and-unmapped-start',
      errors: [{ file: 'server/index.ts', line: 7, message: 'This starts a server (listen)' }],
    },
    {
      // The same unprivate package with a Dockerfile beside it: built into an image, a service (hcengineering's pods).
      fixture: 'published-library-with-image',
      errors: [{ file: 'lib/index.js', line: 9, message: 'This starts a server (listen)' }],
    },
    {
      // The server a CI step starts, which a Procfile deploys too: deployed whoever else runs it.
      fixture: 'ci-started-and-deployed',
      errors: [{ file: 'integration/server.js', line: 4, message: 'This starts a server (listen)' }],
    },
    {
      // A server only a dev script runs (`"dev": "ts-node src/index.ts"`) is not deployed; its sibling's start script runs one.
      fixture: 'dev-script-only',
      errors: [{ file: 'graphql/src/server.ts', line: 6, message: 'This starts a server (listen)' }],
    },
    { fixture: 'grpc-server', errors: [{ file: 'src/server.js', line: 9, message: 'This starts a gRPC server (gRPC bindAsync)' }] },
    { fixture: 'redis-subscriber', errors: [{ file: 'src/worker.ts', line: 6, message: 'This starts a subscriber (redis subscribe)' }] },
    // bootstrap() runs at load inside `if (require.main === module)`.
    { fixture: 'main-guard-bootstrap', errors: [{ file: 'src/main.js', line: 6, message: 'This starts a server (listen)' }] },
    { fixture: 'supervisor-forks', errors: [{ file: 'src/cluster.js', line: 6, message: 'This starts child processes (fork a Node script)' }] },
    {
      // src/index.ts imports the server through the tsconfig alias @/server; the chain from CMD is related.
      fixture: 'server-behind-alias',
      errors: [{ file: 'src/app/server.ts', line: 5, message: 'for entrypoint src/index.ts', related: ['Dockerfile:5', 'Dockerfile:5', 'src/index.ts:1'] }],
    },
    {
      // A package its package.json calls an example (webhook/) is one to copy; cloud/ and a demo
      // application's service (payments/) are reported.
      fixture: 'example-package',
      errors: [
        { file: 'cloud/server.js', line: 4, message: 'This starts a server (listen)' },
        { file: 'payments/server.js', line: 4, message: 'This starts a server (listen)' },
      ],
    },
    {
      // Near miss of samples-repository: a service that serves samples is no collection of them.
      fixture: 'samples-named-service',
      errors: [{ file: 'run/helloworld/src/server.js', line: 4, message: 'run by run/helloworld/Dockerfile' }],
    },
    {
      // Near miss of test-package-server (a package whose package.json says it is kept to test
      // something): "contest" is no such word.
      fixture: 'test-word-in-name',
      errors: [{ file: 'start.js', line: 3, message: 'This starts a server (listen), and nothing in its import graph handles SIGTERM' }],
    },
    {
      // The entry script runs the server file once to migrate, then execs it: the chain of the exec'd
      // line is the process's, and SIGTERM reaches it (no "does not reach it" from the migration step).
      fixture: 'migrate-step-then-exec',
      errors: [{ file: 'src/server.js', line: 3, message: /run by Dockerfile, and nothing in its import graph handles SIGTERM: on docker stop or pod termination in-flight work is cut off\.$/ }],
    },
    {
      // A command-line package the image runs, which closes on SIGINT only: the container is stopped
      // with SIGTERM (near miss of stopsignal-sigint and cli-dev-server).
      fixture: 'cli-sigint-only-in-image',
      errors: [{ file: 'src/server.js', line: 5, message: /run by Dockerfile, and nothing in its import graph handles SIGTERM.* It handles SIGINT only; orchestrators send SIGTERM\.$/ }],
    },
    {
      // Near miss of stopsignal-sigint: no handler at all, and the message names the signal that arrives.
      fixture: 'stopsignal-without-handler',
      errors: [{ file: 'src/server.js', line: 4, message: /The image is stopped with SIGINT \(STOPSIGNAL, Dockerfile:2\), so a handler must take SIGINT as well\./ }],
    },
    {
      // Near miss of library-usage-example: a private package is an app, and the file is its server.
      fixture: 'app-with-example-name',
      errors: [{ file: 'example.js', line: 6, message: 'This starts a server (listen)' }],
    },
    {
      // Near miss of watchdog-owns-shutdown: the watchdog is in the image, but the CMD runs node itself.
      fixture: 'watchdog-not-in-front',
      errors: [{ file: 'index.js', line: 3, message: /run by Dockerfile, and nothing in its import graph handles SIGTERM.* Node runs as PID 1 here/ }],
    },
    {
      // pm2 in front: it stops the app with SIGINT, and the message says so. (pm2-stops-with-sigint:
      // the same with a SIGINT handler, which is the app's graceful shutdown there.)
      fixture: 'pm2-without-handler',
      errors: [{ file: 'src/server.js', line: 4, message: /pm2 runs it and stops it with SIGINT \(its default kill_signal\), so a handler must take SIGINT as well/ }],
    },
    {
      // The consumer instrumentation.ts starts is the Next server's; a route handler, which Next loads
      // into that same server, is no entrypoint of its own (its consumer is not a second process), and
      // a module of the app that nothing imports is never loaded.
      fixture: 'next-route-module',
      errors: [{ file: 'apps/web/src/server/email-worker.ts', line: 3, message: /for entrypoint apps\/web\/src\/instrumentation\.ts/ }],
    },
    {
      // Near miss of example-app-by-readme: an application that serves example data is an application.
      fixture: 'example-app-lead-near-miss',
      errors: [{ file: 'server.js', line: 5, message: /starts a server/ }],
    },
    {
      // Near miss of next-route-module: a package that depends on next but has no next.config is no
      // Next.js app, and its server nothing imports is inferred as before.
      fixture: 'next-dependency-server',
      errors: [{ file: 'src/server.ts', line: 6, message: /starts a server/ }],
    },
    {
      // Near miss of next-standalone-custom-distdir: the image copies the sources and runs the custom server.js.
      fixture: 'next-dev-server-copied',
      errors: [{ file: 'packages/web/server.js', line: 7, message: /run by Dockerfile/ }],
    },
    {
      // The image runs src/server.js: reported with its chain; src/echo-server.js, which no unit runs, is not.
      fixture: 'deployed-unit-runs-server',
      // Exec-form CMD, no init: node is PID 1, where an unhandled SIGTERM is ignored, and the message says so.
      errors: [{ file: 'src/server.js', line: 4, message: /run by Dockerfile, .* Node runs as PID 1 here, where a signal without a handler is ignored/, related: ['Dockerfile:4', 'Dockerfile:4', 'src/server.js:1'] }],
    },
    {
      // The api's chain reaches its source; the gateway's Dockerfile runs a bundle built elsewhere, so
      // in its folder the entrypoint is inferred: one service says nothing about its sibling.
      fixture: 'sibling-service-inferred',
      errors: [
        { file: 'services/api/src/main.js', line: 3, related: ['services/api/Dockerfile:4', 'services/api/Dockerfile:4', 'services/api/src/main.js:1'] },
        { file: 'services/gateway/src/main.js', line: 3, message: /^This starts a server \(listen\), and nothing/ },
      ],
    },
    {
      fixture: 'queue-consumer',
      errors: [{ file: 'src/worker.ts', line: 6, message: 'a queue consumer (consume(queue, onMessage))' }],
    },
    {
      // The app's own helper handles the signals its caller names: server.js names SIGTERM to it,
      // jobs.js only SIGINT.
      fixture: 'handler-through-own-helper',
      errors: [{ file: 'src/jobs.js', line: 5, message: 'This starts a server (listen)' }],
    },
    {
      // A start that a deployed entrypoint and a stale copy of it both reach is reported once, for
      // the entrypoint the image runs.
      fixture: 'stale-copy-of-entrypoint',
      errors: [{ file: 'server/src/app.ts', line: 4, message: 'This starts a server (listen) for entrypoint server/src/index.ts (run by Dockerfile' }],
    },
    {
      // A server and a queue consumer of one process are one missing handler: one finding, at the
      // first start, the consumer a related place.
      fixture: 'one-process-several-starts',
      errors: [{ file: 'src/index.js', line: 5, message: 'This starts a server (listen), and nothing in its import graph handles SIGTERM: on docker stop or pod termination in-flight work is cut off. The same process also starts a queue consumer (queue process), listed as a related place.', related: ['src/mailer.js:6'] }],
    },
  ],
});
