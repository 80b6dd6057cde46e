import pMap from 'p-map';
import { unique } from 'remeda';

export const mapAll = <T, R>(items: T[], fn: (t: T) => Promise<R>) => pMap(unique(items), fn, { concurrency: 4 });
