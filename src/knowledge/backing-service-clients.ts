// What the code base knows about backing-service clients: which constructor or function of which
// package takes the address of a database, cache, queue, SMTP server or object store, and where
// (argument, option key). backing-services/hardcoded-service-url reads this table; adding a client
// is one entry here and one example in backing-service-clients.test.ts.

import type { ImportBinding } from '../parsing/ts/ts-imports.js';

/** Where a client takes its address: the argument index (string URL or options), and option keys. */
export interface BackingServiceClient {
  label: string;
  service: string;
  /** The modules whose bindings it can be (match is asked only about a binding of one of them). */
  modules: string[];
  match: (b: ImportBinding, isNew: boolean) => boolean;
  /** Arguments that may be a URL string or an options object. */
  args: number[];
  /** Option keys holding a URL or host, dotted for nested (`socket.host`). */
  keys: string[];
}

const last = (b: ImportBinding) => b.path[b.path.length - 1];

export const BACKING_SERVICE_CLIENTS: BackingServiceClient[] = [
  { label: 'pg', service: 'PostgreSQL', modules: ['pg', 'pg-pool'], match: (b, n) => n && (last(b) === 'Pool' || last(b) === 'Client' || b.path.length === 0), args: [0], keys: ['connectionString', 'host'] },
  { label: 'postgres', service: 'PostgreSQL', modules: ['postgres'], match: (b) => b.path.length === 0, args: [0], keys: ['host'] },
  { label: 'mysql', service: 'MySQL', modules: ['mysql', 'mysql2', 'mysql2/promise'], match: (b) => /^create(Connection|Pool|PoolCluster)$/.test(last(b) ?? ''), args: [0], keys: ['uri', 'host'] },
  { label: 'mongoose', service: 'MongoDB', modules: ['mongoose'], match: (b) => last(b) === 'connect' || last(b) === 'createConnection', args: [0], keys: [] },
  { label: 'MongoClient', service: 'MongoDB', modules: ['mongodb'], match: (b) => last(b) === 'MongoClient' || (b.path[0] === 'MongoClient' && last(b) === 'connect'), args: [0], keys: [] },
  { label: 'ioredis', service: 'Redis', modules: ['ioredis'], match: (b, n) => n && (b.path.length === 0 || last(b) === 'Redis' || last(b) === 'default'), args: [0, 1], keys: ['host', 'path'] },
  { label: 'ioredis Cluster', service: 'Redis', modules: ['ioredis'], match: (b, n) => n && last(b) === 'Cluster', args: [0], keys: ['host'] },
  { label: 'redis', service: 'Redis', modules: ['redis', '@redis/client'], match: (b) => last(b) === 'createClient' || last(b) === 'createCluster', args: [0], keys: ['url', 'socket.host', 'host'] },
  { label: 'amqplib', service: 'RabbitMQ', modules: ['amqplib', 'amqplib/callback_api', 'amqp-connection-manager'], match: (b) => last(b) === 'connect', args: [0], keys: ['hostname'] },
  { label: 'kafkajs', service: 'Kafka', modules: ['kafkajs'], match: (b, n) => n && last(b) === 'Kafka', args: [0], keys: ['brokers'] },
  { label: 'nodemailer', service: 'SMTP', modules: ['nodemailer'], match: (b) => last(b) === 'createTransport', args: [0], keys: ['host', 'url'] },
  { label: 'Sequelize', service: 'database', modules: ['sequelize'], match: (b, n) => n && (last(b) === 'Sequelize' || b.path.length === 0), args: [0, 1, 2, 3], keys: ['host'] },
  { label: 'knex', service: 'database', modules: ['knex'], match: (b) => b.path.length === 0 || last(b) === 'knex' || last(b) === 'default', args: [0], keys: ['connection', 'connection.host', 'connection.connectionString'] },
  { label: 'TypeORM', service: 'database', modules: ['typeorm'], match: (b) => last(b) === 'DataSource' || last(b) === 'createConnection', args: [0], keys: ['url', 'host'] },
  { label: 'bullmq', service: 'Redis', modules: ['bullmq'], match: (b, n) => n && /^(Queue|Worker|QueueEvents|FlowProducer|QueueScheduler)$/.test(last(b) ?? ''), args: [1, 2], keys: ['connection.host', 'connection.url'] },
  { label: 'bull', service: 'Redis', modules: ['bull'], match: (_b, n) => n, args: [1], keys: ['redis', 'redis.host'] },
  { label: 'Elasticsearch Client', service: 'Elasticsearch', modules: ['@elastic/elasticsearch', '@opensearch-project/opensearch'], match: (b, n) => n && last(b) === 'Client', args: [0], keys: ['node', 'nodes'] },
  { label: 'S3 client', service: 'object store', modules: ['@aws-sdk/client-s3', 'aws-sdk', 'minio'], match: (b, n) => n && ((b.module === '@aws-sdk/client-s3' && last(b) === 'S3Client') || (b.module === 'aws-sdk' && last(b) === 'S3') || (b.module === 'minio' && last(b) === 'Client')), args: [0], keys: ['endpoint', 'endPoint'] },
];

const CLIENTS_BY_MODULE = new Map<string, BackingServiceClient[]>();
for (const client of BACKING_SERVICE_CLIENTS) for (const m of client.modules) CLIENTS_BY_MODULE.set(m, [...(CLIENTS_BY_MODULE.get(m) ?? []), client]);

/** Whether a binding of this module can be a client of the table (most imports of a file are of none). */
export function isClientModule(module: string): boolean {
  return CLIENTS_BY_MODULE.has(module);
}

/** The first client of the table (in its order) that `binding` called (`isNew`: with `new`) is. */
export function backingServiceClientOf(binding: ImportBinding, isNew: boolean): BackingServiceClient | undefined {
  return CLIENTS_BY_MODULE.get(binding.module)?.find((c) => c.match(binding, isNew));
}
