import { describe, expect, it } from 'vitest';
import { SHUTDOWN_HELPERS, SHUTDOWN_RUNNERS, SHUTDOWN_TIMEOUT_OPTIONS } from './shutdown-helpers.js';
import { factsOf } from '../testing/knowledge-probe.js';

describe('shutdown helpers: importing one is recorded', () => {
  for (const name of SHUTDOWN_HELPERS) {
    it(name, () => {
      expect(factsOf(`import helper from '${name}';\nhelper(server);`).shutdownHelpers.map((h) => h.name)).toEqual([name]);
    });
  }
  /** Per runner: code that uses it, and near misses. */
  const RUNNER_EXAMPLES: Record<string, { uses: string[]; not: string[] }> = {
    'Effect runMain': {
      uses: [`import { BunRuntime } from '@effect/platform-bun';\nBunRuntime.runMain(program);`, `import { runMain } from '@effect/platform-node/NodeRuntime';\nrunMain(program);`],
      // a runMain of another library (citty's CLI runner) handles no signal
      not: [`import { runMain } from 'citty';\nrunMain(command);`],
    },
    'Temporal Worker': {
      uses: [`import { Worker } from '@temporalio/worker';\nconst worker = await Worker.create({ taskQueue: 'q', workflowsPath });\nawait worker.run();`],
      not: [
        // the runtime imported only to turn its signal handling off, beside a Nest app (postiz's backend)
        `import { Runtime, Worker } from '@temporalio/worker';\nRuntime.install({ shutdownSignals: [] });\nconst app = await NestFactory.create(AppModule);\nawait Worker.create({ taskQueue: 'q' });`,
        // another library's create beside the import
        `import { Runtime } from '@temporalio/worker';\nconst app = await NestFactory.create(AppModule);`,
      ],
    },
  };
  for (const runner of SHUTDOWN_RUNNERS) {
    it(`${runner.name}: a runner that interrupts the program on SIGTERM`, () => {
      const examples = RUNNER_EXAMPLES[runner.name];
      expect(examples, `examples for ${runner.name}`).toBeDefined();
      for (const code of examples!.uses) expect(factsOf(code).shutdownHelpers.map((h) => h.name), code).toEqual([runner.name]);
      for (const code of examples!.not) expect(factsOf(code).shutdownHelpers, code).toEqual([]);
    });
  }
  it('react-router-hono-server given onGracefulShutdown registers SIGTERM and SIGINT handlers itself', () => {
    const withHook = factsOf(`import { createHonoServer } from 'react-router-hono-server/node';\nexport default await createHonoServer({ onGracefulShutdown: async () => db.close() });`);
    expect(withHook.shutdownHelpers.map((h) => h.name)).toEqual(['createHonoServer onGracefulShutdown']);
    // near miss: without the callback it starts a server and handles nothing (shelf.nu)
    const plain = factsOf(`import { createHonoServer } from 'react-router-hono-server/node';\nexport default await createHonoServer({ port: 3000 });`);
    expect(plain.shutdownHelpers).toEqual([]);
    expect(plain.serverStarts.map((s) => s.api)).toEqual(['react-router-hono-server createHonoServer']);
  });
  for (const [fn, options] of SHUTDOWN_TIMEOUT_OPTIONS) {
    it(`${fn} ${options.join('/')} is a shutdown deadline`, () => {
      for (const option of options) {
        expect(factsOf(`${fn}(server, { ${option}: 25_000 });`).shutdownTimeouts).toEqual([expect.objectContaining({ ms: 25000, api: `${fn} ${option}` })]);
      }
    });
  }
});
