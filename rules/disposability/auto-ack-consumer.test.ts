import rule from './auto-ack-consumer.js';
import { ruleTester } from '../../src/testing/rule-tester.js';

ruleTester(rule, {
  valid: ['acks-after-work'],
  invalid: [
    { fixture: 'amqplib-noack', errors: [{ file: 'consumer.ts', line: 9, column: 8, message: 'noAck: true' }] },
    {
      fixture: 'kafkajs',
      errors: [
        { file: 'consumer.ts', line: 11, message: 'eachMessage returns before the work it starts is done' },
        { file: 'consumer.ts', line: 17, message: 'resolveOffset() marks the message done before the work' },
      ],
    },
    { fixture: 'bull-done-first', errors: [{ file: 'queue.ts', line: 6, message: 'done() completes the job before the work' }] },
    { fixture: 'bullmq-fire-and-forget', errors: [{ file: 'worker.ts', line: 5, message: 'bullmq processor returns before the work' }] },
  ],
});
