import { trace } from '@opentelemetry/api';
import Redis from 'ioredis';
import dayjs from 'dayjs';
import { createQueue } from '@relay/queue';
import { startTelemetry } from '@relay/telemetry';

startTelemetry();
const tracer = trace.getTracer('worker');
const queue = createQueue(new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379'));
tracer.startActiveSpan('boot', (span) => {
  queue.on('ready', () => span.end());
  console.log('started', dayjs().toISOString());
});
