// What the code base knows about queue consumers: calls that start consuming messages or jobs and
// keep the process running. Read by the TS fact collector with SERVER_STARTS (servers.ts); adding a
// library is one entry here and one example in servers.test.ts.

import type { StartKnowledge } from './servers.js';

export const QUEUE_CONSUMERS: StartKnowledge[] = [
  { kind: 'consumer', api: 'consume(queue, onMessage)', modules: null, call: { method: 'consume', minArgs: 2 }, why: "channel.consume(queue, onMessage) (amqplib's shape, and any client's of that shape: the label names no library, since none is required) delivers messages until cancelled" },
  {
    kind: 'consumer',
    api: 'kafkajs run',
    modules: null,
    call: { method: 'run', optionKeys: ['eachMessage', 'eachBatch'] },
    why: 'consumer.run({ eachMessage }) polls the topic until disconnected',
  },
  { kind: 'consumer', api: 'pg-boss work', modules: /^pg-boss$/, call: { method: 'work', minArgs: 2 }, why: "pg-boss's work(queue, handler) polls its Postgres queue until stopped" },
  { kind: 'consumer', api: 'bullmq Worker', modules: /^bullmq$/, call: { newClass: 'Worker' }, why: 'new Worker(queue, processor) processes jobs until closed' },
  { kind: 'consumer', api: 'queue process', modules: /^(bull|bee-queue)$/, call: { method: 'process', minArgs: 1 }, why: 'queue.process(handler) processes jobs until closed' },
  { kind: 'consumer', api: 'sqs-consumer', modules: /^sqs-consumer$/, call: { dotted: 'Consumer.create' }, why: 'Consumer.create(...).start() polls SQS until stopped' },
  {
    kind: 'consumer',
    api: 'pubsub subscription',
    modules: /^(@google-cloud\/pubsub)$/,
    call: { method: 'on', firstArg: { equals: 'message' } },
    why: "subscription.on('message') streams messages until closed",
  },
];
