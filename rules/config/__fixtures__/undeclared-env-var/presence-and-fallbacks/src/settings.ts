if (!process.env.DATABASE_URL) {
  throw new Error('DATABASE_URL is required');
}

export const settings = {
  beta: process.env.FEATURE_BETA ? 'on' : 'off',
  signup: !process.env.DISABLE_SIGNUP,
  mode: process.env.RUN_MODE === 'batch',
  admins: process.env.ADMIN_EMAILS?.split(',') ?? [],
  workers: Number(process.env.WORKER_COUNT) || 2,
  apiUrl: process.env.BILLING_API_URL ?? 'http://localhost:3000',
  jwtSecret: process.env.JWT_SECRET || 'changeme-in-prod',
  logFormat: process.env.LOG_FORMAT ?? 'json',
  queue: process.env.QUEUE_NAME,
  region: process.env.STORAGE_REGION,
  database: process.env.DATABASE_URL,
};

export function notifySlack(text: string) {
  if (process.env.SLACK_WEBHOOK_URL) {
    return fetch(process.env.SLACK_WEBHOOK_URL, { method: 'POST', body: text });
  }
  return undefined;
}

export function geocoder() {
  if (!process.env.GEOCODER_KEY) throw new Error('geocoding is not configured');
  return process.env.GEOCODER_KEY;
}

declare function parseEnvVarNumber(value: string | undefined, fallback: number): number;
export const timeoutMs = parseEnvVarNumber(process.env.HTTP_TIMEOUT_MS, 3000);
export const radix = parseInt(process.env.SHARD_COUNT, 10);
const secondsToMs = (s: number) => s * 1000;
export const idleMs = parseEnvVarNumber(process.env.POOL_IDLE_MS, secondsToMs(30));
export const instance = process.env.INSTANCE_ID || process.env.POD_NAME || String(process.pid);
declare function defaultChain<T>(...values: T[]): T;
export const vectorHost = (input?: string) => defaultChain(input, process.env.VECTOR_DB_HOST);
export function sandbox(enabled: boolean) {
  const useSandbox = enabled && process.env.SANDBOX_API_KEY;
  return useSandbox ? 'remote' : 'local';
}
