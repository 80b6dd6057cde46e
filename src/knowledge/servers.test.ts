import { describe, expect, it } from 'vitest';
import { SERVER_STARTS, EXPORTABLE_APPS } from './servers.js';
import { QUEUE_CONSUMERS } from './queue-consumers.js';
import { factsOf } from '../testing/knowledge-probe.js';

/** One example per entry, by api (entries sharing an api share the first example, so each gets its own key below). */
const START_EXAMPLES: Array<{ api: string; kind: string; code: string }> = [
  { api: 'listen', kind: 'http', code: `import express from 'express';\nexpress().listen(process.env.PORT ?? 3000);` },
  { api: 'gRPC bindAsync', kind: 'rpc', code: `import * as grpc from '@grpc/grpc-js';\nconst server = new grpc.Server();\nserver.bindAsync('0.0.0.0:50051', grpc.ServerCredentials.createInsecure(), () => {});` },
  { api: 'gRPC bind', kind: 'rpc', code: `const grpc = require('grpc');\nconst server = new grpc.Server();\nserver.bind('0.0.0.0:50051', grpc.ServerCredentials.createInsecure());\nserver.start();` },
  { api: 'ws WebSocketServer', kind: 'http', code: `import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });` },
  { api: 'ws WebSocketServer', kind: 'http', code: `const WebSocket = require('ws');\nconst wss = new WebSocket.Server({ port: Number(process.env.WS_PORT) });` },
  { api: 'Apollo startStandaloneServer', kind: 'http', code: `import { ApolloServer } from '@apollo/server';\nimport { startStandaloneServer } from '@apollo/server/standalone';\nawait startStandaloneServer(new ApolloServer({ typeDefs, resolvers }), { listen: { port: 4000 } });` },
  { api: 'hapi server.start', kind: 'http', code: `import Hapi from '@hapi/hapi';\nconst server = Hapi.server({ port: 3000 });\nawait server.start();` },
  { api: 'react-router-hono-server createHonoServer', kind: 'http', code: `import { createHonoServer } from 'react-router-hono-server/node';\nexport default await createHonoServer({ port: 3000 });` },
  { api: 'redis subscribe', kind: 'subscriber', code: `import { createClient } from 'redis';\nconst sub = createClient();\nawait sub.subscribe('orders', (m) => handle(m));` },
  { api: 'redis psubscribe', kind: 'subscriber', code: `import { createClient } from 'redis';\nconst sub = createClient();\nawait sub.pSubscribe('orders.*', (m) => handle(m));` },
  { api: 'redis psubscribe', kind: 'subscriber', code: `import Redis from 'ioredis';\nconst sub = new Redis();\nsub.psubscribe('orders.*');\nsub.on('pmessage', handle);` },
  { api: 'nats subscribe', kind: 'subscriber', code: `import { connect } from 'nats';\nconst nc = await connect();\nconst s = nc.subscribe('orders');` },
  { api: 'mqtt subscribe', kind: 'subscriber', code: `import mqtt from 'mqtt';\nconst c = mqtt.connect(url);\nc.subscribe('sensors/#');` },
  { api: 'consume(queue, onMessage)', kind: 'consumer', code: `channel.consume('jobs', (msg) => work(msg));` },
  { api: 'kafkajs run', kind: 'consumer', code: `await consumer.run({ eachMessage: async ({ message }) => work(message) });` },
  { api: 'pg-boss work', kind: 'consumer', code: `import PgBoss from 'pg-boss';\nconst boss = new PgBoss(url);\nawait boss.start();\nawait boss.work('mail', async (job) => send(job));` },
  { api: 'bullmq Worker', kind: 'consumer', code: `import { Worker } from 'bullmq';\nnew Worker('mail', async (job) => send(job));` },
  { api: 'queue process', kind: 'consumer', code: `const Queue = require('bull');\nconst q = new Queue('mail');\nq.process(async (job) => send(job));` },
  { api: 'sqs-consumer', kind: 'consumer', code: `import { Consumer } from 'sqs-consumer';\nConsumer.create({ queueUrl, handleMessage }).start();` },
  { api: 'pubsub subscription', kind: 'consumer', code: `import { PubSub } from '@google-cloud/pubsub';\nnew PubSub().subscription('s').on('message', handle);` },
];

/** The same call shapes without the library (or with a callback first): not a start. */
const NOT_STARTS: Array<{ why: string; code: string }> = [
  { why: 'an RxJS subscribe takes a callback', code: `import Redis from 'ioredis';\nimport { interval } from 'rxjs';\ninterval(1000).subscribe(() => tick());` },
  { why: 'subscribe without a pub/sub client import', code: `store.subscribe('change');` },
  { why: 'a ws server attached to an http server has no port of its own', code: `import { WebSocketServer } from 'ws';\nnew WebSocketServer({ server });` },
  { why: 'bindAsync without grpc', code: `thing.bindAsync('a', 'b');` },
  { why: 'a start() or a function of the same name without the server library', code: `import cron from 'node-cron';\ncron.schedule('* * * * *', tick).start();\nstartStandaloneServer(app);` },
  { why: "pg-boss's work with a handler only (no queue name) is not the API", code: `import PgBoss from 'pg-boss';\nexport const work = (boss: PgBoss) => boss.work(handler);` },
  { why: 'Worker without bullmq is a worker thread', code: `import { Worker } from 'node:worker_threads';\nnew Worker('./w.js');` },
  { why: "an observable's listen takes the listener first (browser code)", code: `const drag = observable(false);\ndrag.listen((d) => { if (d) highlight(); });` },
  { why: "a DOM event listener (Angular's renderer.listen) names an event where a server takes a host", code: `this.renderer.listen(this.button, 'click', () => this.toggle());` },
  { why: "a class's call of its own listen method", code: `import { ipcMain } from 'electron';\nexport class ThemeListener {\n  constructor() {\n    this.listen();\n  }\n  private listen() {\n    ipcMain.on('THEME_CHANGE', () => undefined);\n  }\n}` },
  { why: 'a free-port probe closes the server as soon as it binds', code: `import net from 'node:net';\nconst server = net.createServer();\nserver.listen(port, 'localhost', () => server.close());` },
  {
    why: "a wrapper's own process() beside a bull import: bull's takes the processor it runs",
    code: `import Queue from 'bull';\nexport class MailerQueue {\n  constructor(private readonly task: { process(): void }, readonly queue: Queue.Queue) {}\n  public process(): void {\n    return this.task.process();\n  }\n}`,
  },
];

describe('servers and queue consumers: every entry is recognised from its own example', () => {
  for (const k of [...SERVER_STARTS, ...QUEUE_CONSUMERS]) {
    it(`${k.api} (${k.kind}): ${k.why}`, () => {
      const examples = START_EXAMPLES.filter((e) => e.api === k.api);
      expect(examples.length, `an example for ${k.api}`).toBeGreaterThan(0);
      const seen = examples.map((e) => factsOf(e.code).serverStarts.map((s) => `${s.kind} ${s.api}`));
      expect(seen.some((s) => s.includes(`${k.kind} ${k.api}`)), JSON.stringify(seen)).toBe(true);
    });
  }
  for (const n of NOT_STARTS) {
    it(`not a start: ${n.why}`, () => {
      expect(factsOf(n.code).serverStarts).toEqual([]);
    });
  }
  it('every example is recognised exactly as its entry says', () => {
    for (const e of START_EXAMPLES) expect(factsOf(e.code).serverStarts.map((s) => `${s.kind} ${s.api}`), e.code).toEqual([`${e.kind} ${e.api}`]);
  });
  it('ports: listen and a ws server give theirs', () => {
    expect(factsOf(START_EXAMPLES[0]!.code).serverStarts[0]!.port).toEqual({ env: 'PORT', literal: 3000 });
    expect(factsOf(START_EXAMPLES[3]!.code).serverStarts[0]!.port).toEqual({ literal: 8080 });
  });
});

describe('listen: near misses of the forms that are no server', () => {
  it('a callback that logs, or closes another server, leaves a start; no argument at all is one too', () => {
    const kinds = (code: string) => factsOf(code).serverStarts.map((s) => s.api);
    expect(kinds(`import express from 'express';\nconst app = express();\napp.listen(3000, () => console.log('up'));`)).toEqual(['listen']);
    expect(kinds(`import http from 'node:http';\nconst server = http.createServer();\nserver.listen(8080, () => old.close());`)).toEqual(['listen']);
    expect(kinds(`import express from 'express';\nexpress().listen();`)).toEqual(['listen']);
    // a host after the port, and a server class whose own start() calls this.listen() it inherits
    expect(kinds(`import http from 'node:http';\nhttp.createServer().listen(8080, 'localhost');`)).toEqual(['listen']);
    expect(kinds(`import { Server } from 'node:http';\nclass Api extends Server {\n  start() {\n    this.listen(8080);\n  }\n}\nnew Api().start();`)).toEqual(['listen']);
  });
});

describe('other long-running forms', () => {
  it('a module that forks Node children at load supervises them', () => {
    const f = factsOf(`import { fork } from 'node:child_process';\nfor (const name of ['api', 'worker']) fork(\`dist/\${name}.js\`);`);
    expect(f.serverStarts.map((s) => [s.kind, s.topLevel])).toEqual([['supervisor', true]]);
  });
  it('spawning several node children at load is supervising; one child, a detached one, one inside a function, or a build tool is not', () => {
    expect(factsOf(`const { spawn } = require('child_process');\nspawn('node', ['api.js'], { stdio: 'inherit' });\nspawn('node', ['web.js'], { stdio: 'inherit' });`).serverStarts.map((s) => [s.kind, s.line])).toEqual([['supervisor', 2]]);
    expect(factsOf(`const { spawn } = require('child_process');\nconst task = spawn('node', ['task.js'], { stdio: 'inherit' });\ntask.on('exit', (code) => console.log(code));`).serverStarts).toEqual([]);
    expect(factsOf(`const { spawn } = require('child_process');\nspawn('node', ['a.js'], { detached: true }).unref();\nspawn('node', ['b.js'], { detached: true }).unref();`).serverStarts).toEqual([]);
    expect(factsOf(`const { spawn } = require('child_process');\nexport function start() { spawn('node', ['server.js']); }`).serverStarts).toEqual([]);
    expect(factsOf(`const { spawn } = require('child_process');\nspawn('tsc', ['-p', '.']);`).serverStarts).toEqual([]);
    // A build script running a package script: as often a build as a server.
    expect(factsOf(`import { spawn } from 'child_process';\nconst p = spawn('npm', ['run', 'build:app'], { stdio: 'inherit' });\np.on('close', (code) => { process.exitCode = code ?? 1; });`).serverStarts).toEqual([]);
  });
  it('bootstrap() inside a top-level if runs at load', () => {
    expect(factsOf(`async function bootstrap() {}\nif (require.main === module) {\n  bootstrap();\n}`).hasTopLevelCall).toBe(true);
    expect(factsOf(`async function bootstrap() {}\nif (require.main === module) void bootstrap().catch(console.error);`).hasTopLevelCall).toBe(true);
    expect(factsOf(`export async function bootstrap() {}\nexport function later() { bootstrap(); }`).hasTopLevelCall).toBe(false);
  });
});

describe('exported apps a framework CLI starts', () => {
  const EXAMPLES: Record<string, string> = {
    express: `const express = require('express');\nconst app = express();\nmodule.exports = app;`,
    koa: `import Koa from 'koa';\nexport default new Koa();`,
    fastify: `import Fastify from 'fastify';\nconst app = Fastify({ logger: true });\nexport default app;`,
    hono: `import { Hono } from 'hono';\nconst app = new Hono();\nexport default app;`,
    polka: `const polka = require('polka');\nmodule.exports = polka();`,
    connect: `import connect from 'connect';\nexport default connect();`,
  };
  for (const a of EXPORTABLE_APPS) {
    it(`${a.module}: ${a.why}`, () => {
      expect(EXAMPLES[a.module], `an example for ${a.module}`).toBeDefined();
      expect(factsOf(EXAMPLES[a.module]!).exportedApps?.map((x) => x.framework)).toEqual([a.framework]);
    });
  }
  it('a fastify plugin (what fastify-cli starts), by parameter name or through fastify-plugin', () => {
    expect(factsOf(`module.exports = async function (fastify, opts) {\n  fastify.get('/', async () => 'ok');\n};`).exportedApps?.map((x) => x.framework)).toEqual(['fastify plugin']);
    expect(factsOf(`export default async function app(fastify) {}`).exportedApps?.map((x) => x.framework)).toEqual(['fastify plugin']);
    expect(factsOf(`import fp from 'fastify-plugin';\nexport default fp(async (app) => {});`).exportedApps?.map((x) => x.framework)).toEqual(['fastify plugin']);
  });
  it('an express route module and a router are not apps', () => {
    expect(factsOf(`module.exports = function (app) {\n  app.get('/', (req, res) => res.send('ok'));\n};`).exportedApps).toBeUndefined();
    expect(factsOf(`const express = require('express');\nmodule.exports = express.Router();`).exportedApps).toBeUndefined();
  });
});
