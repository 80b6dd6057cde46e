import { describe, expect, it } from 'vitest';
import rule from '../../rules/backing-services/hardcoded-service-url.js';
import { BACKING_SERVICE_CLIENTS } from './backing-service-clients.js';
import { findingsOf } from '../testing/knowledge-probe.js';

/** One client per entry given a literal, non-local address: reported. */
const EXAMPLES: Record<string, string> = {
  pg: `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: 'postgres://app@db.internal:5432/shop' });`,
  postgres: `import postgres from 'postgres';\nexport const sql = postgres('postgres://app@db.internal:5432/shop');`,
  mysql: `import mysql from 'mysql2/promise';\nexport const pool = mysql.createPool({ host: 'mysql.internal' });`,
  mongoose: `import mongoose from 'mongoose';\nmongoose.connect('mongodb://mongo.internal:27017/shop');`,
  MongoClient: `import { MongoClient } from 'mongodb';\nexport const client = new MongoClient('mongodb://mongo.internal:27017');`,
  ioredis: `import Redis from 'ioredis';\nexport const redis = new Redis('redis://cache.internal:6379');`,
  'ioredis Cluster': `import { Cluster } from 'ioredis';\nexport const c = new Cluster([{ host: 'cache-1.internal', port: 6379 }]);`,
  redis: `import { createClient } from 'redis';\nexport const c = createClient({ url: 'redis://cache.internal:6379' });`,
  amqplib: `import amqp from 'amqplib';\nexport const conn = amqp.connect('amqp://rabbit.internal');`,
  kafkajs: `import { Kafka } from 'kafkajs';\nexport const k = new Kafka({ brokers: ['kafka.internal:9092'] });`,
  nodemailer: `import nodemailer from 'nodemailer';\nexport const t = nodemailer.createTransport({ host: 'smtp.internal' });`,
  Sequelize: `import { Sequelize } from 'sequelize';\nexport const s = new Sequelize('postgres://app@db.internal:5432/shop');`,
  knex: `import knex from 'knex';\nexport const db = knex({ client: 'pg', connection: 'postgres://app@db.internal:5432/shop' });`,
  TypeORM: `import { DataSource } from 'typeorm';\nexport const ds = new DataSource({ type: 'postgres', host: 'db.internal' });`,
  bullmq: `import { Queue } from 'bullmq';\nexport const q = new Queue('mail', { connection: { host: 'cache.internal' } });`,
  bull: `import Queue from 'bull';\nexport const q = new Queue('mail', 'redis://cache.internal:6379');`,
  'Elasticsearch Client': `import { Client } from '@elastic/elasticsearch';\nexport const es = new Client({ node: 'http://search.internal:9200' });`,
  'S3 client': `import { S3Client } from '@aws-sdk/client-s3';\nexport const s3 = new S3Client({ endpoint: 'http://minio.internal:9000' });`,
};

describe('backing-service clients: a literal address given to each is reported', () => {
  for (const client of BACKING_SERVICE_CLIENTS) {
    it(`${client.label} (${client.service})`, () => {
      const example = EXAMPLES[client.label];
      expect(example, `an example for ${client.label}`).toBeDefined();
      expect(findingsOf(rule, example!).map((f) => f.ruleId)).toEqual(['backing-services/hardcoded-service-url']);
      // The same client reading its address from the environment: silent.
      const fromEnv = example!.replace(/'[a-z]+:\/\/[^']*'|'[\w.-]+\.internal(:\d+)?'/g, 'process.env.SERVICE_URL');
      expect(findingsOf(rule, fromEnv), fromEnv).toEqual([]);
    });
  }
});
