import { describe, expect, it } from 'vitest';
import { isLiteralHost, parseServiceUrl, redactUrl } from './_service-url.js';

describe('service URLs', () => {
  it.each([
    ['redis://:Rq8#Lm2vXz7k@cache.prod.internal:6379', '', 'Rq8#Lm2vXz7k', 'cache.prod.internal'],
    ['postgres://app:p%40ss%2Fw0rd@db:5432/shop', 'app', 'p%40ss%2Fw0rd', 'db'],
    ['mongodb+srv://u:a@b@cluster0.mongodb.net/x?retryWrites=true', 'u', 'a@b', 'cluster0.mongodb.net'],
    ['amqp://mq.internal', undefined, undefined, 'mq.internal'],
    ['redis://cache:6379/0?name=a@b', undefined, undefined, 'cache'],
  ])('%s', (url, user, passwordRaw, host) => {
    const parsed = parseServiceUrl(url)!;
    expect(parsed.user).toBe(user);
    expect(parsed.passwordRaw).toBe(passwordRaw);
    expect(parsed.host).toBe(host);
    if (passwordRaw) expect(redactUrl(url, passwordRaw)).not.toContain(passwordRaw);
  });

  it('never prints a password it cannot locate', () => {
    expect(redactUrl('postgres://app:secretpw1@db/x', 'other')).toBe('postgres://…@db/x');
  });

  it('knows placeholder hosts and holes', () => {
    expect(isLiteralHost('host')).toBe(false);
    expect(isLiteralHost('${}')).toBe(false);
    expect(isLiteralHost('db.example.com')).toBe(false);
    expect(isLiteralHost('db.internal')).toBe(true);
  });
});
