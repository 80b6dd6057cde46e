import pino from 'pino';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';

const log = pino();

export function stamp(d?: Dayjs): string {
  log.info('stamp');
  return (d ?? dayjs()).toISOString();
}
