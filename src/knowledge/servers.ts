// What the code base knows about starting a long-running process from code: servers (HTTP, gRPC,
// WebSocket), pub/sub subscribers and (in queue-consumers.ts) queue consumers. The TS fact
// collector turns a matching call into a ServerStartFact, which makes its file an entrypoint for
// the disposability, admin-processes and logs rules. Adding a library is one entry and one example
// in servers.test.ts.

import type { ServerStartFact } from '../parsing/facts.js';

/** What a start call looks like. */
export type StartCall =
  /** `<receiver>.<method>(...)`; `receiverNot: 'process'` leaves `process.<method>` out. */
  | { method: string; minArgs?: number; firstArg?: 'string' | 'not-callback' | 'not-function' | { equals: string }; optionKeys?: string[] }
  /** `new <Class>(...)`, by the last name of the class expression (`ws.Server` is `Server`). */
  | { newClass: string; optionKeys?: string[] }
  /** `A.b(...)` exactly. */
  | { dotted: string }
  /** `<name>(...)`, a function called by its own name (the module gate says whose). */
  | { fn: string };

export interface StartKnowledge {
  kind: ServerStartFact['kind'];
  api: string;
  /** Import specifiers the file must import for the call to count; null when the call shape is specific enough alone. */
  modules: RegExp | null;
  call: StartCall;
  /** Where the port is: the first argument (listen) or an option of the first argument. */
  port?: 'arg0' | { option: string };
  why: string;
}

export const SERVER_STARTS: StartKnowledge[] = [
  // A function first is an observable's or emitter's subscription (`drag.listen((d) => ...)` in browser code), not a port.
  { kind: 'http', api: 'listen', modules: null, call: { method: 'listen', firstArg: 'not-function' }, port: 'arg0', why: 'server.listen()/app.listen() binds a port and serves until closed' },
  {
    kind: 'rpc',
    api: 'gRPC bindAsync',
    modules: /^(@grpc\/grpc-js|grpc)$/,
    call: { method: 'bindAsync', minArgs: 2 },
    why: '@grpc/grpc-js Server.bindAsync(address, credentials, cb) binds the gRPC port',
  },
  {
    kind: 'rpc',
    api: 'gRPC bind',
    modules: /^grpc$/,
    call: { method: 'bind', minArgs: 2, firstArg: 'string' },
    why: "the legacy grpc package's Server.bind(address, credentials) binds the port",
  },
  {
    kind: 'http',
    api: 'ws WebSocketServer',
    modules: /^ws$/,
    call: { newClass: 'WebSocketServer', optionKeys: ['port'] },
    port: { option: 'port' },
    why: 'new WebSocketServer({ port }) opens its own listening socket',
  },
  {
    kind: 'http',
    api: 'ws WebSocketServer',
    modules: /^ws$/,
    call: { newClass: 'Server', optionKeys: ['port'] },
    port: { option: 'port' },
    why: 'new WebSocket.Server({ port }), the older name of WebSocketServer',
  },
  {
    kind: 'subscriber',
    api: 'redis subscribe',
    modules: /^(redis|ioredis|@redis\/client)$/,
    call: { method: 'subscribe', firstArg: 'not-callback' },
    why: 'a Redis client in subscriber mode keeps its connection open and handles messages until closed',
  },
  {
    kind: 'subscriber',
    api: 'redis psubscribe',
    modules: /^(redis|ioredis|@redis\/client)$/,
    call: { method: 'pSubscribe', firstArg: 'not-callback' },
    why: 'node-redis v4 pattern subscription',
  },
  {
    kind: 'subscriber',
    api: 'redis psubscribe',
    modules: /^(redis|ioredis|@redis\/client)$/,
    call: { method: 'psubscribe', firstArg: 'not-callback' },
    why: 'ioredis pattern subscription',
  },
  {
    kind: 'http',
    api: 'Apollo startStandaloneServer',
    modules: /^@apollo\/server\/standalone$/,
    call: { fn: 'startStandaloneServer' },
    why: "@apollo/server's startStandaloneServer(server, { listen }) starts its own HTTP server",
  },
  {
    kind: 'http',
    api: 'hapi server.start',
    modules: /^(@hapi\/hapi|hapi)$/,
    call: { method: 'start', minArgs: 0 },
    why: 'a hapi Server binds its port when start() is called',
  },
  {
    kind: 'http',
    api: 'react-router-hono-server createHonoServer',
    modules: /^react-router-hono-server(\/node)?$/,
    call: { fn: 'createHonoServer' },
    why: "react-router-hono-server's Node adapter serves the app when its module loads in production",
  },
  {
    kind: 'subscriber',
    api: 'nats subscribe',
    modules: /^(nats|@nats-io\/transport-node)$/,
    call: { method: 'subscribe', firstArg: 'not-callback' },
    why: 'a NATS subscription handles messages until drained',
  },
  {
    kind: 'subscriber',
    api: 'mqtt subscribe',
    modules: /^mqtt$/,
    call: { method: 'subscribe', firstArg: 'not-callback' },
    why: 'an MQTT client subscribed to a topic handles messages until ended',
  },
];

/**
 * App objects a framework's CLI starts when a module exports them (`fastify start app.js`,
 * `module.exports = app` for a platform's launcher): the module serves without calling listen().
 */
export const EXPORTABLE_APPS: Array<{ module: string; framework: string; export?: string[]; why: string }> = [
  { module: 'express', framework: 'express', why: 'express() is a request handler a launcher mounts on its own server' },
  { module: 'koa', framework: 'koa', why: 'new Koa() is started by app.listen() or app.callback() in a launcher' },
  { module: 'fastify', framework: 'fastify', why: 'fastify() instances are started by fastify-cli or a launcher' },
  { module: 'hono', framework: 'hono', export: ['Hono'], why: 'new Hono() is served by the runtime (`export default app` on Bun, Deno, workers)' },
  { module: 'polka', framework: 'polka', why: 'polka() is a request handler like express()' },
  { module: 'connect', framework: 'connect', why: 'connect() is a request handler like express()' },
];

/**
 * A fastify plugin function, which fastify-cli starts: `module.exports = async function (fastify, opts)`.
 * Its first parameter is called `fastify`, or the file imports one of these modules (an express
 * route module's `function (app)` is not a plugin).
 */
export const FASTIFY_PLUGIN_PARAMS = new Set(['fastify', 'app', 'instance', 'server']);
export const FASTIFY_MODULES = /^(fastify|fastify-plugin)$/;
