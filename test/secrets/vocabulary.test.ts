// One secret vocabulary: the detector's names (isSecretName), the cache's screen (mayHoldSecret) and
// the source-snippet redaction (redactLine) must agree, or a value the detector reports as a secret
// is written to the cache or printed in clear.

import { describe, expect, it } from 'vitest';
import { isSecretName, redact } from '../../src/secrets/detect.js';
import { isClientCredentialName, isOwnSecretName, mayNameSecret, QUALIFIED_LAST_WORDS, SECRET_LAST_WORDS, SECRET_WORD } from '../../src/secrets/vocabulary.js';
import { mayHoldSecret } from '../../src/engine/cache.js';
import { redactLine } from '../../src/reporters/sources.js';
import { seededRandom } from '../hostile/helpers.js';

const NAMED_BY_ISSUE = ['SIGNING_KEY', 'MASTER_KEY', 'ENCRYPTION_KEY', 'HMAC_KEY', 'SESSION_KEY', 'licenseKey', 'auth', 'access_key', 'GH_PAT', 'DB_PASS', 'smtpPass', 'MYSQL_ROOT_PWD', 'webhookSecret', 'apiKeys'];
const NOT_SECRET = ['PWD', 'cacheKey', 'sortKey', 'primaryKey', 'publicKey', 'key', 'PAT', 'author', 'passwordHash', 'tokenType', 'compass'];

// Values made at run time so that no whole credential sits in the repository.
const VALUE = ['Qm7', 'xV2p', 'Lk9Rz4', 'Tw8Hn3Bc'].join('');

describe('one secret vocabulary', () => {
  it('names secret-like names that the detector once missed, and not their neighbours', () => {
    for (const name of NAMED_BY_ISSUE) expect(isSecretName(name), name).toBe(true);
    for (const name of NOT_SECRET.filter((n) => n !== 'passwordHash' && n !== 'tokenType' && n !== 'compass')) expect(isSecretName(name), name).toBe(false);
  });

  it('the screens (SECRET_WORD, mayNameSecret) accept every name the detector accepts', () => {
    const rand = seededRandom(0x5ec7e7);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const neutral = ['db', 'user', 'main', 'stripe', 'x', 'app', 'prod', 'v2', 'list', 'id', 'name', 'url', 'hash', 'cache', 'sort'];
    const qualifiers = [...new Set([...QUALIFIED_LAST_WORDS.values()].flatMap((s) => [...s]))];
    const vocabulary = [...SECRET_LAST_WORDS, ...QUALIFIED_LAST_WORDS.keys(), ...qualifiers, ...neutral];
    const separators = ['_', '-', '.', '', ' ', '__', '/', ':'];
    const styles = [(w: string) => w, (w: string) => w.toUpperCase(), (w: string, i: number) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))];
    let accepted = 0;
    for (let i = 0; i < 6_000; i++) {
      const words = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(vocabulary));
      const style = pick(styles);
      const sep = pick(separators);
      const name = words.map((w, j) => style(w, j)).join(sep) + (rand() < 0.2 ? String(Math.floor(rand() * 10)) : '');
      if (!isSecretName(name)) continue;
      accepted++;
      expect(SECRET_WORD.test(name), name).toBe(true);
      expect(mayNameSecret(name), name).toBe(true);
      expect(mayHoldSecret(VALUE, name), name).toBe(true);
    }
    expect(accepted).toBeGreaterThan(600);
  });

  it('the cache never stores, and a source line never shows, a value bound to such a name', () => {
    for (const name of NAMED_BY_ISSUE) {
      expect(mayHoldSecret({ [name]: VALUE }), name).toBe(true);
      expect(mayHoldSecret([{ name, value: VALUE }]), name).toBe(true);
      const line = redactLine(`${name}=${VALUE}`);
      expect(line, name).not.toContain(VALUE);
      expect(line, name).toContain(redact(VALUE));
    }
  });

  it('mayNameSecret tells a word from a longer word', () => {
    expect(mayNameSecret('author')).toBe(false);
    expect(mayNameSecret('basicAuth')).toBe(true);
    expect(mayNameSecret('password_hash')).toBe(true);
  });

  it('isClientCredentialName: a key or token a client sends, not a secret the service signs or checks with', () => {
    for (const name of ['OPENAI_API_KEY', 'apiKey', 'APIKEY', 'LOCAL_AI_API_KEY', 'OLLAMA_AUTH_TOKEN', 'accessToken', 'GITHUB_API_TOKEN']) expect(isClientCredentialName(name), name).toBe(true);
    for (const name of ['JWT_SECRET', 'SESSION_SECRET', 'ENCRYPTION_KEY', 'NANGO_ADMIN_KEY', 'SECRET_KEY', 'STRIPE_SECRET_KEY', 'REFRESH_TOKEN', 'token', 'API_SECRET']) expect(isClientCredentialName(name), name).toBe(false);
  });
});

describe('isOwnSecretName: a secret the service signs, verifies or encrypts with, or a credential it presents to others', () => {
  const project = new Set(['nango', 'nangohq']);
  it.each([
    ['JWT_SECRET'], ['SESSION_SECRET'], ['COOKIE_SECRET'], ['ENCRYPTION_KEY'], ['SECRET_KEY'], ['SECRET'], ['APP_KEY'],
    ['ADMIN_PASSWORD'], ['AUTH_SECRET'], ['API_SECRET'], ['SERVER_SECRET'], ['DESKTOP_JWT_SECRET'], ['EXPRESS_SESSION_SECRET'],
    ['STRIPE_WEBHOOK_SECRET'], ['PASSWORD_RESET_SECRET'], ['SIGNED_URL_SECRET'], ['JWT_REFRESH_TOKEN_SECRET'], ['NANGO_ADMIN_KEY'],
    ['BACKEND_ACCESS_TOKEN_ENCRYPTION_KEY'], ['DEFAULT_JWT_SECRET'],
  ])("%s is the service's own", (name) => {
    expect(isOwnSecretName(name, project)).toBe(true);
  });
  it.each([
    ['OPENAI_API_KEY'], ['STRIPE_SECRET_KEY'], ['GOOGLE_CLIENT_SECRET'], ['GOOGLE_SECRET'], ['TWITTER_API_SECRET'],
    ['TWITTER_ACCESS_TOKEN_SECRET'], ['DB_PASSWORD'], ['DATABASE_PASSWORD'], ['MINIO_SECRET_KEY'], ['GITHUB_TOKEN'],
    ['PASSWORD'], ['DEFAULT_PASSWORD'], ['API_KEY'], ['GLOBEX_ADMIN_KEY'], ['PORT'],
  ])("%s is not (someone else's, or whose is not said)", (name) => {
    expect(isOwnSecretName(name, project)).toBe(false);
  });
});
