// Credentials written in the shapes a name-bound scanner misses: arrays, call arguments, pieces.
import jwt from 'jsonwebtoken';
import { createHmac, spawn } from './deps.js';
export const signingKeys = ['Vb7#kQ2mLx9Tz4Wn', 'Hr5%pN8cXq3Lm7Zt'];
export const hmacSecret = Buffer.from('Kx9mQ2vL7pZt4Wn8Rb3c', 'utf8');
export const sessionKey = 'Lq8vN3' + 'xK7mZ2pT9w';
export const apiToken = ['Zr4Tq9', 'Mv2Kx8', 'Lp7Wn3'].join('');
export const jwtSecret = `Pw7${'Kz3Qm9'}Xv2Ln8` as const;
export const mailer = { dbPass: 'Jt6#Wq2mRx8Kv4' } satisfies Record<string, string>;
const SMTP_PWD = 'Nc5%Lr9xTq2Mz7';
export const storage = { user: 'backup', key: 'Qv8Xm2Kr7Lz4Tn9Wp3b' };
export const token = jwt.sign({ sub: 'svc' }, 'Tm4#Rz8qKx2Vn7Lw');
export const digest = createHmac('sha256', 'Gz5Kq8Xm2Lr7Wt4N');
spawn('redis-server', ['--requirepass', 'Rv6#Tz3qLx9Km2Wn']);
export const redisCommand = 'redis-server --requirepass Hs8Kq2Xm7Lz4Tv9W';
export function secretOf(opts: { secret?: string }) {
  const fallbackSecret = opts.secret ?? 'Bn7#Wq3xKz8Lm2Tv';
  return fallbackSecret + SMTP_PWD;
}
