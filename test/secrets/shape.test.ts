// The value-shape test of the name-bound detector: what a credential looks like, and the text found
// under secret-like names in real repositories that does not (issue 13, class 1). Random values are
// built at run time; the texts below are this project's own.

import { describe, expect, it } from 'vitest';
import { detectNamedSecret, failsTokenChecksum, findFlagSecrets, findKnownSecrets, findReportableSecrets, interpolationDefault, looksLikeSecretValue, tokenChecksum } from '../../src/secrets/detect.js';
import { isSecretName } from '../../src/secrets/vocabulary.js';
import { tokenFactory } from './tokens.js';

const NOT_CREDENTIALS: Array<[string, string]> = [
  ['Chinese sentence', '密码过期策略未启用'],
  ['Cyrillic words', 'Пароль_слишком_короткий'],
  ['accented Latin label', 'Contraseña'],
  ['Thai sentence', 'โทเค็นหมดอายุแล้ว'],
  ['CSS custom property', '--color-run-pending'],
  ['CSS var()', 'var(--color-run-failed)'],
  ['i18n key', 'auth.password.reset'],
  ['i18n key, camel case', 'settings.apiTokens.createdOn'],
  ['enum member', 'PersonalApiKey'],
  ['constant name', 'ACCESS_TOKEN_EXPIRED'],
  ['header name', 'X-Auth-Token'],
  ['route', '/auth/reset-password/:token'],
  ['relative route', 'oauth2/token/:grantType'],
  ['route placeholder', 'settings/api-keys/{keyId}'],
  ['MIME type', 'application/vnd.shop.api-key+json'],
  ['file name', 'service-account.prod.json'],
  ['URL without userinfo', 'https://auth.internal.example/oauth/token'],
  ['e-mail address', 'noreply@shop.example'],
  ['type declaration', 'list<ApiKeySummary>'],
  ['codegen type', 'serde_json::Value'],
  ['sample key', 'key_abc123'],
  ['Redux action type', '@customization/SET_TOKEN'],
  ['printf template', 'token-%s'],
  ['Helm template', '{{ .Values.db.password }}'],
  ['build marker', '__API_KEY__'],
  ['replace-me', 'replace-me-with-a-random-string'],
  ['your-…-here', 'your-stripe-secret-key-here'],
  ['dummy', 'dummy-access-token-0001'],
  ['repeated character', 'aaaaaaaaaaaaaaaaaaaa'],
  ['word-like password', 'Welcome2024'],
  ['bcrypt hash', ['$2b$12$', 'R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW'].join('')],
];

describe('the value-shape test', () => {
  it.each(NOT_CREDENTIALS)('%s is not a credential', (_what, value) => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });

  it('random values of every usual alphabet are credentials', () => {
    const t = tokenFactory(0x5a9e);
    const alphabets = ['0123456789abcdef', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%*'];
    let misses = 0;
    for (let i = 0; i < 400; i++) {
      const alphabet = alphabets[i % alphabets.length]!;
      const length = alphabet.length === 16 ? 32 + (i % 33) : 12 + (i % 40);
      if (!looksLikeSecretValue(t.mixed(alphabet, length))) misses++;
    }
    // Some random values do spell a placeholder word (`test`, `pass`) or a format placeholder; rarely.
    expect(misses).toBeLessThanOrEqual(4);
  });

  it('short values need three character classes', () => {
    expect(looksLikeSecretValue(['k8s9', 'x2m4'].join(''))).toBe(false);
    expect(looksLikeSecretValue(['Hq7#', 'vL2m'].join(''))).toBe(true);
  });
});

describe('names and contexts', () => {
  it('public front-end variables are not secret names', () => {
    expect(isSecretName('NEXT_PUBLIC_ALGOLIA_API_KEY')).toBe(false);
    expect(isSecretName('VITE_API_KEY')).toBe(false);
    expect(isSecretName('ALGOLIA_API_KEY')).toBe(true);
  });

  it('reads interpolation defaults and secret flags', () => {
    const value = ['Tk8#', 'Wq3m', 'Lz7X'].join('');
    expect(interpolationDefault(`\${POSTGRES_PASSWORD:-${value}}`)).toMatchObject({ name: 'POSTGRES_PASSWORD', value });
    expect(interpolationDefault('${POSTGRES_PASSWORD:?set it}')).toBeNull();
    expect(findFlagSecrets(`redis-server --requirepass ${value} --appendonly yes`).map((m) => m.value)).toEqual([value]);
    expect(findFlagSecrets('redis-server --requirepass $REDIS_PASSWORD')).toEqual([]);
    expect(findFlagSecrets(`["redis-server", "--requirepass", "${value}"]`).map((m) => m.name)).toEqual(['--requirepass']);
  });

  it('a bare key is a credential only when the caller says so', () => {
    const value = ['Qv8X', 'm2Kr', '7Lz4', 'Tn9W'].join('');
    expect(detectNamedSecret('key', value)).toBeNull();
    expect(detectNamedSecret('key', value, { secretField: true })?.detector).toBe('named');
  });
});

describe('known formats', () => {
  it("the Azure Storage emulator's published account key is a sample; another key of that shape is a credential", () => {
    const emulator = ['AccountKey=', 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='].join('');
    expect(findKnownSecrets(`DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;${emulator};`)).toEqual([]);
    const other = `AccountKey=${'Qx7Lm2Vn9Rt4Wp8Zk3Hs6Jd1Fg5Bc0Ny'.repeat(3).slice(0, 86)}==`;
    expect(findKnownSecrets(`AccountName=shopprod;${other};`).map((m) => m.detector)).toEqual(['azure-storage-key']);
  });

  it('a format prefix before words is a sample, not a token', () => {
    expect(findKnownSecrets(['xoxb-', 'test-token-secret'].join(''))).toEqual([]);
    expect(findKnownSecrets(['xoxb-', 'test-token'].join(''))).toEqual([]);
    expect(findKnownSecrets(['sk_live_', 'not_a_real_key_at_all'].join(''))).toEqual([]);
    const t = tokenFactory(7);
    for (const format of ['slack-token', 'stripe-live-key', 'github-token', 'anthropic-key', 'jwt']) {
      const planted = t.byFormat[format]!();
      expect(findKnownSecrets(planted.value).map((m) => m.detector), format).toContain(format);
    }
  });
});

describe('proof that a match is not a credential', () => {
  it("GitHub and npm tokens carry a CRC32 checksum in base62: a token whose checksum fails is found (and redacted) but not live", () => {
    // The checksum of thirty-one zeros, as secret scanners that check it compute it (CRC32, base62 0-9A-Za-z).
    expect(tokenChecksum('0'.repeat(31))).toBe('4WZ4EQ');
    const t = tokenFactory(11);
    for (const format of ['github-token', 'npm-token']) {
      const issued = t.byFormat[format]!().value;
      expect(failsTokenChecksum(issued), format).toBe(false);
      expect(findKnownSecrets(issued).map((m) => [m.detector, m.live])).toEqual([[format, true]]);
      // One character changed: the shape holds, the checksum does not.
      const typed = issued.slice(0, 10) + (issued[10] === 'Q' ? 'R' : 'Q') + issued.slice(11);
      expect(failsTokenChecksum(typed), format).toBe(true);
      expect(findKnownSecrets(typed).map((m) => [m.detector, m.live])).toEqual([[format, false]]);
    }
    // Other lengths are other token generations: not judged by the checksum.
    expect(failsTokenChecksum(['gh', 's_'].join('') + 'Ab3'.repeat(20))).toBe(false);
  });

  it('a private-key header around a placeholder is not reported; around a key body, or at the end of a piece, it is', () => {
    const header = ['-----BEGIN RSA ', 'PRIVATE KEY-----'].join('');
    const footer = '-----END RSA PRIVATE KEY-----';
    for (const body of ['[private-key-content]', '...', '<your key here>', 'YOUR_PRIVATE_KEY', '']) {
      expect(findReportableSecrets(`${header}\n${body}\n${footer}`), body).toEqual([]);
      expect(findReportableSecrets(`${header}\\n${body}\\n${footer}`), `escaped ${body}`).toEqual([]);
    }
    const body = 'MIIEpAIBAAKCAQEA1c7fQx9Lm2Vn8Rt4Wp7Zk3Hs6Jd1Fg5Bc0NyKq2Pw9Xe4Lr7Tm1Uz8Ad3Gh6Jn0Vb5Cs';
    expect(findReportableSecrets(`${header}\n${body}\n${footer}`).map((m) => m.detector)).toEqual(['private-key']);
    // Shorter than any key (an Ed25519 key is 64 characters): the first line of a sample, then the END line.
    expect(findReportableSecrets(`${header}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n${footer}`)).toEqual([]);
    expect(findReportableSecrets(`${header}\n${body.slice(0, 63)}\n${footer}`)).toEqual([]);
    expect(findReportableSecrets(`${header}\n${body.slice(0, 64)}\n${footer}`).map((m) => m.detector)).toEqual(['private-key']);
    // A whole value that is the header alone (`key.startsWith('-----BEGIN RSA PRIVATE KEY-----')`) holds no key.
    expect(findReportableSecrets(header, { complete: true })).toEqual([]);
    expect(findReportableSecrets(`${header}\\n${body}`).map((m) => m.detector)).toEqual(['private-key']);
    expect(findReportableSecrets(`${header}\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,0A1B2C\n\n${body}`).map((m) => m.detector)).toEqual(['private-key']);
    // Split over concatenated strings: the body is in the next piece, unseen here.
    expect(findReportableSecrets(`${header}\n`).map((m) => m.detector)).toEqual(['private-key']);
  });
});

describe('shapes found on real monorepos', () => {
  it.each([
    ['localStorage key', 'growthbook.agent.conversationId'],
    ['storage key name', 'northstar_metrics_smoothBy'],
    ['Danish compound with OAuth', 'OAuth-klienthemmelighed'],
    ['authenticator AAGUID', ['bada5566', 'a7aa', '401f', 'bd96', '45619a55120d'].join('-')],
    ['linter regex', '(?:^|\\s)I\\s'],
    ['character class regex', '[a-z]+-[0-9]+'],
  ])('%s is not a credential', (_what, value) => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });

  it('names that are not secrets: a localStorage key, a Segment write key, an i18n sentence key', () => {
    expect(isSecretName('STORAGE_KEY')).toBe(false);
    expect(isSecretName('CLI_SEGMENT_WRITE_KEY')).toBe(false);
    expect(isSecretName('OAuth client secret')).toBe(false);
    expect(isSecretName('NX_REACT_APP_ANALYTICS_API_KEY')).toBe(false);
    expect(isSecretName('next-auth@4.24.15')).toBe(false);
  });

  it.each([
    ['PostHog project key', ['phc', '_Qm7xV2pLk9Rz4Tw8Hn3BcQm7xV2pLk9Rz4Tw8Hn3Bc'].join('')],
    ['Stripe publishable key', ['pk', '_live_', 'Qm7xV2pLk9Rz4Tw8Hn3Bc'].join('')],
    ['patch file', 'patches/next-auth@4.24.15.patch'],
  ])('%s is published, not secret', (_what, value) => {
    expect(looksLikeSecretValue(value)).toBe(false);
  });
});
