// What the code base knows about HTTP sessions: which middlewares keep sessions in the process's
// memory unless given a store, and where each store package keeps them. processes/in-memory-session-store
// reads these tables; adding a library is one entry here and one example in session-stores.test.ts.

export interface SessionMiddleware {
  package: string;
  /** `session(options)` (called) or `app.register(plugin, options)` (a fastify plugin). */
  setup: 'call' | 'register';
  why: string;
}

/**
 * Session middlewares whose default store is the process's memory. koa-session and cookie-session
 * are not here: without a store they keep the session in the (signed) cookie, on the client.
 */
export const SESSION_MIDDLEWARES: SessionMiddleware[] = [
  { package: 'express-session', setup: 'call', why: 'without `store` it uses its MemoryStore, which its own docs say is not for production' },
  { package: 'koa-generic-session', setup: 'call', why: 'without `store` it uses an in-memory store' },
  { package: 'koa-session-minimal', setup: 'call', why: 'without `store` it uses an in-memory store' },
  { package: '@fastify/session', setup: 'register', why: 'without `store` it keeps sessions in a MemoryStore' },
  { package: 'fastify-session', setup: 'register', why: 'the older name of @fastify/session: a MemoryStore by default' },
];

/** Where a session store keeps the sessions. */
export type SessionStoreBacking = 'service' | 'memory' | 'local-disk';

export interface SessionStore {
  package: string;
  /** The export that is the store (or its factory), relative to the package: [] is the default export. */
  export: string[];
  backing: SessionStoreBacking;
  why: string;
}

export const SESSION_STORES: SessionStore[] = [
  { package: 'connect-redis', export: [], backing: 'service', why: 'sessions in Redis (default export before v8)' },
  { package: 'connect-redis', export: ['RedisStore'], backing: 'service', why: 'sessions in Redis (named export from v8)' },
  { package: 'connect-mongo', export: [], backing: 'service', why: 'sessions in MongoDB (MongoStore.create)' },
  { package: 'connect-mongodb-session', export: [], backing: 'service', why: 'sessions in MongoDB' },
  { package: 'connect-pg-simple', export: [], backing: 'service', why: 'sessions in PostgreSQL' },
  { package: 'connect-session-sequelize', export: [], backing: 'service', why: 'sessions in the Sequelize database' },
  { package: 'express-mysql-session', export: [], backing: 'service', why: 'sessions in MySQL' },
  { package: 'connect-dynamodb', export: [], backing: 'service', why: 'sessions in DynamoDB' },
  { package: '@quixo3/prisma-session-store', export: ['PrismaSessionStore'], backing: 'service', why: 'sessions in the Prisma database' },
  { package: 'koa-redis', export: [], backing: 'service', why: 'koa sessions in Redis' },
  { package: 'express-session', export: ['MemoryStore'], backing: 'memory', why: "express-session's own MemoryStore, the default made explicit" },
  { package: 'memorystore', export: [], backing: 'memory', why: 'an in-memory store with expiry: still one process\'s memory' },
  { package: 'session-memory-store', export: [], backing: 'memory', why: 'an in-memory store' },
  { package: 'session-file-store', export: [], backing: 'local-disk', why: 'sessions as files in a local folder (./sessions), lost with the container' },
  { package: 'connect-sqlite3', export: [], backing: 'local-disk', why: 'sessions in a SQLite file on the local disk' },
];

/** The store a module's export is, if known. */
export function sessionStoreOf(module: string, exportPath: readonly string[]): SessionStore | undefined {
  return SESSION_STORES.find((s) => s.package === module && s.export.length === exportPath.length && s.export.every((p, i) => p === exportPath[i]));
}
