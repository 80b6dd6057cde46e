// A helper nothing imports any more: Next never loads it, so its consumer never runs.
import { hookWorker } from '../server/hook-worker';

export const ready = () => hookWorker.waitUntilReady();
