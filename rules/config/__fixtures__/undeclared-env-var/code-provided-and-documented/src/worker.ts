process.env.WORKER_MODE = 'worker';

export function mode(): string | undefined {
  return process.env.WORKER_MODE;
}

export function entity(config?: { entity?: string }): string | undefined {
  const fromEnv = process.env.CURRENT_ENTITY;
  if (fromEnv) return fromEnv;
  return config?.entity;
}

function isTruthy(v?: string): boolean {
  return v === 'true' || v === '1';
}
export const telemetryOff = isTruthy(process.env.DISABLE_TELEMETRY);

export function track(email?: string) {
  if (email && process.env.ANALYTICS_KEY) {
    return fetch('https://analytics.example.com/e', { headers: { authorization: `Bearer ${process.env.ANALYTICS_KEY}` } });
  }
  return undefined;
}

export const smtpHost = process.env.SMTP_HOST;
export const mailer = process.env.MAILER_DSN;
export const payments = process.env.PAYMENTS_KEY;
export const database = process.env.DATABASE_URL;
