// What the code base knows about backing-service clients: which constructor or function of which
// package takes the address of a database, cache, queue, SMTP server or object store, and where
// (argument, option key). backing-services/hardcoded-service-url reads this table; adding a client
// is one entry here and one example in backing-service-clients.test.ts.

import type { ImportBinding } from '../parsing/ts/ts-imports.js';

/** Where a client takes its address: the argument index (string URL or options), and option keys. */
export interface BackingServiceClient {
  label: string;
  service: string;
  match: (b: ImportBinding, isNew: boolean) => boolean;
  /** Arguments that may be a URL string or an options object. */
  args: number[];
  /** Option keys holding a URL or host, dotted for nested (`socket.host`). */
  keys: string[];
}

const last = (b: ImportBinding) => b.path[b.path.length - 1];
/** A test of the binding's module against a list, made once per entry (match runs on every call of an imported name). */
const mod = (...names: string[]) => (b: ImportBinding) => names.includes(b.module);
const PG = mod('pg', 'pg-pool');
const MYSQL = mod('mysql', 'mysql2', 'mysql2/promise');
const REDIS = mod('redis', '@redis/client');
const AMQP = mod('amqplib', 'amqplib/callback_api', 'amqp-connection-manager');
const ELASTIC = mod('@elastic/elasticsearch', '@opensearch-project/opensearch');

export const BACKING_SERVICE_CLIENTS: BackingServiceClient[] = [
  { label: 'pg', service: 'PostgreSQL', match: (b, n) => PG(b) && n && (last(b) === 'Pool' || last(b) === 'Client' || b.path.length === 0), args: [0], keys: ['connectionString', 'host'] },
  { label: 'postgres', service: 'PostgreSQL', match: (b) => b.module === 'postgres' && b.path.length === 0, args: [0], keys: ['host'] },
  { label: 'mysql', service: 'MySQL', match: (b) => MYSQL(b) && /^create(Connection|Pool|PoolCluster)$/.test(last(b) ?? ''), args: [0], keys: ['uri', 'host'] },
  { label: 'mongoose', service: 'MongoDB', match: (b) => b.module === 'mongoose' && (last(b) === 'connect' || last(b) === 'createConnection'), args: [0], keys: [] },
  { label: 'MongoClient', service: 'MongoDB', match: (b) => b.module === 'mongodb' && (last(b) === 'MongoClient' || (b.path[0] === 'MongoClient' && last(b) === 'connect')), args: [0], keys: [] },
  { label: 'ioredis', service: 'Redis', match: (b, n) => b.module === 'ioredis' && n && (b.path.length === 0 || last(b) === 'Redis' || last(b) === 'default'), args: [0, 1], keys: ['host', 'path'] },
  { label: 'ioredis Cluster', service: 'Redis', match: (b, n) => b.module === 'ioredis' && n && last(b) === 'Cluster', args: [0], keys: ['host'] },
  { label: 'redis', service: 'Redis', match: (b) => REDIS(b) && (last(b) === 'createClient' || last(b) === 'createCluster'), args: [0], keys: ['url', 'socket.host', 'host'] },
  { label: 'amqplib', service: 'RabbitMQ', match: (b) => AMQP(b) && last(b) === 'connect', args: [0], keys: ['hostname'] },
  { label: 'kafkajs', service: 'Kafka', match: (b, n) => b.module === 'kafkajs' && n && last(b) === 'Kafka', args: [0], keys: ['brokers'] },
  { label: 'nodemailer', service: 'SMTP', match: (b) => b.module === 'nodemailer' && last(b) === 'createTransport', args: [0], keys: ['host', 'url'] },
  { label: 'Sequelize', service: 'database', match: (b, n) => b.module === 'sequelize' && n && (last(b) === 'Sequelize' || b.path.length === 0), args: [0, 1, 2, 3], keys: ['host'] },
  { label: 'knex', service: 'database', match: (b) => b.module === 'knex' && (b.path.length === 0 || last(b) === 'knex' || last(b) === 'default'), args: [0], keys: ['connection', 'connection.host', 'connection.connectionString'] },
  { label: 'TypeORM', service: 'database', match: (b) => b.module === 'typeorm' && (last(b) === 'DataSource' || last(b) === 'createConnection'), args: [0], keys: ['url', 'host'] },
  { label: 'bullmq', service: 'Redis', match: (b, n) => b.module === 'bullmq' && n && /^(Queue|Worker|QueueEvents|FlowProducer|QueueScheduler)$/.test(last(b) ?? ''), args: [1, 2], keys: ['connection.host', 'connection.url'] },
  { label: 'bull', service: 'Redis', match: (b, n) => b.module === 'bull' && n, args: [1], keys: ['redis', 'redis.host'] },
  { label: 'Elasticsearch Client', service: 'Elasticsearch', match: (b, n) => ELASTIC(b) && n && last(b) === 'Client', args: [0], keys: ['node', 'nodes'] },
  { label: 'S3 client', service: 'object store', match: (b, n) => n && ((b.module === '@aws-sdk/client-s3' && last(b) === 'S3Client') || (b.module === 'aws-sdk' && last(b) === 'S3') || (b.module === 'minio' && last(b) === 'Client')), args: [0], keys: ['endpoint', 'endPoint'] },
];
