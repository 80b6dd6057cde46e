import rule from './hardcoded-service-url.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['env-and-config'],
  invalid: [
    {
      fixture: 'client-literals',
      errors: [
        { file: 'src/db.ts', line: 5, message: 'mongoose connect gets the literal MongoDB URL mongodb://mongo.internal:27017/shop' },
        { file: 'src/db.ts', line: 8, message: 'pg Pool gets the literal host db.internal' },
        { file: 'src/db.ts', line: 14, message: /literal PostgreSQL URL postgres:\/\/report:Tr7v… \(12 chars\)@reporting\.internal.*also embeds a password/ },
        { file: 'src/db.ts', line: 20, message: 'ioredis Redis gets the literal host cache.internal' },
        { file: 'src/messaging.js', line: 6, message: 'kafkajs Kafka gets the literal host kafka-1.internal:9092' },
        { file: 'src/messaging.js', line: 7, message: 'nodemailer createTransport gets the literal host smtp.mailhost.net' },
        { file: 'src/messaging.js', line: 8, message: 'knex gets the literal PostgreSQL URL' },
        { file: 'src/messaging.js', line: 11, message: 'amqplib connect gets the literal RabbitMQ URL amqp://rabbit.internal' },
      ],
    },
    {
      fixture: 'fallbacks-reported',
      errors: [{ file: 'src/cache.ts', line: 3, message: 'as the fallback of process.env.REDIS_URL' }],
    },
    {
      fixture: 'prisma-literal',
      errors: [{ file: 'prisma/schema.prisma', line: 8, column: 15, message: 'Prisma datasource db has the literal PostgreSQL URL postgresql://shop:Zq8v… (12 chars)@db.internal:5432/shop as its url, which also embeds a password' }],
    },
  ],
});
