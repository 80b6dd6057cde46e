import { describe, expect, it } from 'vitest';
import rule from '../../rules/processes/in-memory-session-store.js';
import { SESSION_MIDDLEWARES, SESSION_STORES } from './session-stores.js';
import { findingsOf } from '../testing/knowledge-probe.js';

/** Each middleware set up without a store: reported. */
const NO_STORE: Record<string, string> = {
  'express-session': `import s from 'express-session';\napp.use(s({ secret: 'x' }));`,
  'koa-generic-session': `const session = require('koa-generic-session');\napp.use(session({ key: 'k' }));`,
  'koa-session-minimal': `import session from 'koa-session-minimal';\napp.use(session({ key: 'k' }));`,
  '@fastify/session': `import fastifySession from '@fastify/session';\napp.register(fastifySession, { secret: 'x' });`,
  'fastify-session': `const fastifySession = require('fastify-session');\napp.register(fastifySession, { secret: 'x' });`,
};

/** How each store is built in the wild, as the `store:` value of express-session. */
const STORE_EXPRESSIONS: Record<string, string> = {
  'connect-redis': `const RedisStore = require('connect-redis')(session);\nconst store = new RedisStore({ client });`,
  'connect-redis RedisStore': `import { RedisStore as RS } from 'connect-redis';\nconst store = new RS({ client });`,
  'connect-mongo': `import MongoStore from 'connect-mongo';\nconst store = MongoStore.create({ mongoUrl: url });`,
  'connect-mongodb-session': `const MongoDBStore = require('connect-mongodb-session')(session);\nconst store = new MongoDBStore({ uri });`,
  'connect-pg-simple': `import pgSession from 'connect-pg-simple';\nconst PgStore = pgSession(session);\nconst store = new PgStore({ pool });`,
  'connect-session-sequelize': `const SequelizeStore = require('connect-session-sequelize')(session.Store);\nconst store = new SequelizeStore({ db });`,
  'express-mysql-session': `const MySQLStore = require('express-mysql-session')(session);\nconst store = new MySQLStore(options);`,
  'connect-dynamodb': `const DynamoDBStore = require('connect-dynamodb')(session);\nconst store = new DynamoDBStore({ table: 't' });`,
  '@quixo3/prisma-session-store PrismaSessionStore': `import { PrismaSessionStore } from '@quixo3/prisma-session-store';\nconst store = new PrismaSessionStore(prisma, {});`,
  'koa-redis': `import redisStore from 'koa-redis';\nconst store = redisStore({ url });`,
  'express-session MemoryStore': `const store = new session.MemoryStore();`,
  memorystore: `import createMemoryStore from 'memorystore';\nconst M = createMemoryStore(session);\nconst store = new M({ checkPeriod: 1000 });`,
  'session-memory-store': `const MemStore = require('session-memory-store')(session);\nconst store = new MemStore();`,
  'session-file-store': `const FileStore = require('session-file-store')(session);\nconst store = new FileStore({ path: './s' });`,
  'connect-sqlite3': `const SQLiteStore = require('connect-sqlite3')(session);\nconst store = new SQLiteStore({ db: 'sessions.db' });`,
};

describe('session middlewares: set up without a store, each is reported', () => {
  for (const m of SESSION_MIDDLEWARES) {
    it(`${m.package}: ${m.why}`, () => {
      const example = NO_STORE[m.package];
      expect(example, `an example for ${m.package}`).toBeDefined();
      expect(findingsOf(rule, example!).map((f) => f.message)).toEqual([expect.stringContaining('without a store')]);
    });
  }
});

describe('session stores: each is judged by where it keeps sessions', () => {
  for (const s of SESSION_STORES) {
    const name = [s.package, ...s.export].join(' ');
    it(`${name}: ${s.backing} (${s.why})`, () => {
      const example = STORE_EXPRESSIONS[name];
      expect(example, `an example for ${name}`).toBeDefined();
      const text = `import session from 'express-session';\n${example}\napp.use(session({ secret: 'x', store: store }));`;
      const findings = findingsOf(rule, text);
      if (s.backing === 'service') expect(findings).toEqual([]);
      else expect(findings.map((f) => f.message)).toEqual([expect.stringContaining(`${name} as its store`)]);
    });
  }
});
