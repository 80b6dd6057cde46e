// The one vocabulary of names that hold secrets. The detector (isSecretName), the cache's "may this
// result hold a secret" screen and the source-snippet redaction (SECRET_WORD) are built from the same
// word lists, so that what the detector calls secret-like the screens never miss: a narrower screen
// wrote `SIGNING_KEY=<value>` to the cache in clear.

/** Last words that make a name secret by themselves: `DB_PASSWORD`, `smtpPass`, `clientSecret`. */
export const SECRET_LAST_WORDS: ReadonlySet<string> = new Set([
  'password', 'passwords', 'passwd', 'pass', 'pwd', 'passphrase',
  'secret', 'secrets', 'token', 'tokens', 'apikey', 'apikeys', 'credential', 'credentials',
  'privatekey', 'secretkey', 'accesskey', 'auth',
]);

/**
 * Last words that name a secret only after a qualifier: `SIGNING_KEY`, `licenseKey`, `GH_PAT` (but
 * `key`, `cacheKey`, `sortKey`, `PAT` alone are not; nor `STORAGE_KEY`, a localStorage entry's name,
 * or `WRITE_KEY`, Segment's browser-side key).
 */
const KEY_QUALIFIERS = [
  'api', 'private', 'access', 'secret', 'signing', 'encryption', 'encrypt', 'decryption', 'master', 'app', 'auth', 'client',
  'service', 'account', 'hmac', 'jwt', 'crypto', 'session', 'license', 'admin', 'sign', 'webhook', 'shared', 'consumer',
  'cookie', 'aes', 'cipher', 'server', 'deploy', 'root',
];
const PAT_QUALIFIERS = ['gh', 'github', 'gitlab', 'personal', 'access', 'ado', 'azure', 'devops', 'bitbucket', 'gitea', 'npm'];
export const QUALIFIED_LAST_WORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['key', new Set(KEY_QUALIFIERS)],
  ['keys', new Set(KEY_QUALIFIERS)],
  ['pat', new Set(PAT_QUALIFIERS)],
]);

/** Names whose last word is secret-like but which hold no secret (`PWD` is the working directory). */
const NOT_SECRET_NAMES = new Set(['pwd', 'oldpwd']);

/** Splits `clientSecret`, `DB_PASSWORD`, `api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // `HTTPServer` -> `HTTP Server`; a lookahead, not `([A-Z]+)([A-Z][a-z])`, which is quadratic
    // on a long run of capitals.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

function trimTrailingDigits(word: string): string {
  let end = word.length;
  while (end > 0 && word.charCodeAt(end - 1) >= 48 && word.charCodeAt(end - 1) <= 57) end--;
  return word.slice(0, end);
}

/** Numbered names are the same secret: `password2`, `DB_PASSWORD_1`, `apiKey_v2`. */
export function secretNameWords(name: string): string[] {
  return nameWords(name)
    .map(trimTrailingDigits)
    .filter((w) => w !== '' && w !== 'v');
}

/** Names repeat (every `name`, `id`, `type` key of a large JSON file): the answer is remembered. */
const secretNameAnswers = new Map<string, boolean>();
/** Bounded for memory, and large enough for the distinct names of a large monorepo (a map emptied during a run answers again). */
const SECRET_NAME_ANSWERS_MAX = 100_000;

/** Does this name (variable, key, env var, flag) name a secret? */
export function isSecretName(name: string): boolean {
  let answer = secretNameAnswers.get(name);
  if (answer === undefined) {
    answer = isSecretNameUncached(name);
    if (secretNameAnswers.size >= SECRET_NAME_ANSWERS_MAX) secretNameAnswers.clear();
    secretNameAnswers.set(name, answer);
  }
  return answer;
}

/**
 * Variables a front-end framework copies into every browser bundle (`NEXT_PUBLIC_ALGOLIA_API_KEY`):
 * their values are published by design (publishable keys, search-only keys).
 */
const PUBLIC_PREFIX = /^(?:[A-Z]{2,8}_)?(NEXT_PUBLIC|NUXT_PUBLIC|EXPO_PUBLIC|VITE|REACT_APP|GATSBY|PUBLIC)_/;

/** A variable a front-end framework copies into every browser bundle (`VITE_…`, `NEXT_PUBLIC_…`). */
export function isPublishedVariable(name: string): boolean {
  return PUBLIC_PREFIX.test(name);
}

function isSecretNameUncached(name: string): boolean {
  // A key with blanks is text (gettext-style i18n keys: `"OAuth client secret": "…"`), not a name.
  // A key with `@` is a package spec (`next-auth@4.24.15: patches/…` in pnpm-workspace.yaml).
  if (NOT_SECRET_NAMES.has(name.toLowerCase()) || PUBLIC_PREFIX.test(name) || /\s|@/.test(name.trim())) return false;
  const words = secretNameWords(name);
  const last = words[words.length - 1];
  if (!last) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  const qualifiers = QUALIFIED_LAST_WORDS.get(last);
  return qualifiers !== undefined && words.length >= 2 && qualifiers.has(words[words.length - 2]!);
}

/**
 * A broad screen for any text (a key, a `name=value` line, a source line): true wherever a name that
 * isSecretName() accepts could be. Every such name holds one of the last words, or a qualifier and a
 * qualified word separated only by non-alphanumerics, as a substring (case aside); so this matches
 * a superset. Broad on purpose: a false "yes" costs a re-parse or a redacted value on screen.
 * Substring searches, not a regular expression built from the lists: linear on any input.
 */
export const SECRET_WORD: { test(text: string): boolean } = {
  test(text: string): boolean {
    const lower = text.toLowerCase();
    for (const word of SECRET_LAST_WORDS) if (lower.includes(word)) return true;
    for (const [word, qualifiers] of QUALIFIED_LAST_WORDS) {
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        let end = at;
        while (end > 0 && !isAlphanumeric(lower.charCodeAt(end - 1))) end--;
        const before = lower.slice(Math.max(0, end - 16), end);
        for (const q of qualifiers) if (before.endsWith(q)) return true;
      }
    }
    return false;
  },
};

function isAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/**
 * The screen for a name (a key, an env var name): true when any word of it, not only the last, is
 * secret-like. A superset of isSecretName() that still tells `author` from `auth`.
 */
export function mayNameSecret(name: string): boolean {
  const words = secretNameWords(name);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SECRET_LAST_WORDS.has(w)) return true;
    if (i > 0 && QUALIFIED_LAST_WORDS.get(w)?.has(words[i - 1]!)) return true;
  }
  return false;
}

/**
 * A bare `key` (or `secret`, `pass`) is a credential when its object also names who it belongs to:
 * `{ user, key }`, `{ accessKeyId, key }`, `{ username, pass }` (a `{ label, key }` is not).
 */
const CREDENTIAL_SIBLINGS = new Set(['user', 'username', 'login', 'account', 'accountname', 'accountid', 'clientid', 'appid', 'keyid', 'accesskeyid', 'apiuser', 'tenantid', 'sid', 'accountsid', 'consumerkey', 'apikeyid', 'secret', 'password']);

export function isCredentialKeyField(name: string, siblingNames: Iterable<string>): boolean {
  if (name !== 'key') return false;
  for (const sibling of siblingNames) if (CREDENTIAL_SIBLINGS.has(sibling.toLowerCase().replace(/[^a-z0-9]/g, ''))) return true;
  return false;
}

/**
 * A name for the key or token a client presents to another service (`OPENAI_API_KEY`, `apiKey`,
 * `OLLAMA_AUTH_TOKEN`, `accessToken`), as opposed to a secret the service itself signs or checks
 * with (`JWT_SECRET`, `SESSION_SECRET`, `ENCRYPTION_KEY`, `ADMIN_KEY`). A made-up value of the
 * first is refused by the provider it is sent to; of the second, it lets anyone forge what it protects.
 */
export function isClientCredentialName(name: string): boolean {
  const words = secretNameWords(name);
  const last = words[words.length - 1];
  const before = words[words.length - 2];
  if (last === 'apikey') return true;
  if (last === 'key') return before === 'api';
  return last === 'token' && (before === 'api' || before === 'auth' || before === 'access');
}

/**
 * Words that say a secret is the service's own, what it signs, verifies or encrypts with, on their
 * own (`DESKTOP_JWT_SECRET`, `EXPRESS_SESSION_SECRET`, `STRIPE_WEBHOOK_SECRET`: whoever knows the
 * value can forge the tokens, sessions, links or webhooks it protects), whatever else the name says.
 */
const OWN_PURPOSE_WORDS: ReadonlySet<string> = new Set([
  'jwt', 'session', 'cookie', 'signing', 'signed', 'sign', 'signature', 'hmac', 'encryption', 'encrypt', 'decryption',
  'crypto', 'cipher', 'aes', 'csrf', 'xsrf', 'webhook', 'nextauth', 'refresh', 'verification', 'verify', 'reset', 'confirm',
  'confirmation', 'invite', 'invitation', 'magic', 'otp', 'totp', 'license',
]);

/**
 * Words that fit the service's own secret but say little by themselves (`ADMIN_PASSWORD`,
 * `SERVER_SECRET`, `APP_KEY`, bare `SECRET_KEY`): own when every word before the last is one of these
 * or names the project itself (`NANGO_ADMIN_KEY` in nango). `AUTH_SECRET` is Auth.js's own signing secret.
 */
const OWN_CONTEXT_WORDS: ReadonlySet<string> = new Set([
  'admin', 'superadmin', 'master', 'root', 'app', 'application', 'server', 'backend', 'service', 'node', 'internal', 'shared',
  'auth', 'secret', 'token', 'access', 'account', 'url', 'password', 'key', 'api', 'system', 'instance', 'cluster',
]);

/** Words that name no one in particular: `MY_SECRET`, `DEFAULT_JWT_SECRET`. */
const NEUTRAL_WORDS: ReadonlySet<string> = new Set(['my', 'the', 'default', 'env', 'prod', 'production', 'value', 'config']);

/**
 * A secret-like name (isSecretName) that names a secret of the service's own, which it signs,
 * verifies or encrypts with, or its own administrator's password (`JWT_SECRET`, `SESSION_SECRET`,
 * `ENCRYPTION_KEY`, `SECRET_KEY`, `ADMIN_PASSWORD`, `NANGO_ADMIN_KEY`), rather than a credential it
 * presents to someone else: a database or object store (`DB_PASS`, `MINIO_SECRET_KEY`), an API
 * provider or OAuth application (`STRIPE_SECRET_KEY`, `GOOGLE_CLIENT_SECRET`, `TWITTER_API_SECRET`).
 * A made-up value of the second fails where it is sent; of the first, it lets anyone who reads the
 * code forge what it protects. `projectWords` are the words of the project's own name (its root package's).
 */
export function isOwnSecretName(name: string, projectWords: ReadonlySet<string>): boolean {
  if (!isSecretName(name)) return false;
  const words = secretNameWords(name).filter((w) => !NEUTRAL_WORDS.has(w));
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const before = words.slice(0, -1);
  if (before.some((w) => OWN_PURPOSE_WORDS.has(w))) return true;
  // Credentials for someone else, by the words providers use for them.
  if (isClientCredentialName(name) || (last === 'secret' && before[before.length - 1] === 'client')) return false;
  // A bare `PASSWORD` or `TOKEN` says nothing of whose; a bare `SECRET`, `SECRET_KEY` or `APP_SECRET` is the app's.
  if (before.length === 0) return last === 'secret' || last === 'secretkey';
  return before.every((w) => OWN_CONTEXT_WORDS.has(w) || projectWords.has(w));
}
