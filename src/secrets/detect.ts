// Secret detection shared by every rule that looks for credentials. Two kinds of evidence:
// 1. known token formats (AWS, GitHub, Slack, Stripe...): precise wherever they appear;
// 2. a value bound to a secret-like name (password, api_key, clientSecret...) that is not a
//    placeholder and looks random enough. Generic scanners lose their users on this second kind
//    (hashes, placeholders, header names), so the name must really name a secret and the value must
//    really look like one.
// Every pattern is linear-time: no nested quantifiers, bounded repetition where a run could be long.

export interface SecretMatch {
  /** Short label for messages: `GitHub token`, `password`. */
  label: string;
  /** Which detector: a format id, or `named` for name + entropy. */
  detector: string;
  /** The matched secret text: never printed, only redacted. */
  value: string;
  /** Offset of the match inside the scanned string. */
  index: number;
  /** A format that is only ever a live credential (not a test key or a sample JWT). */
  live: boolean;
}

interface Format {
  id: string;
  label: string;
  pattern: RegExp;
  live: boolean;
  /** Capture group holding the secret (default: the whole match). */
  group?: number;
  /**
   * Literal strings of which every match contains one (gitleaks calls them keywords): the pattern
   * only runs on a text that contains one. Most strings of a code base contain none, and 15 regex
   * scans per string literal were the largest cost of the secret rules.
   */
  keywords: string[];
}

export const KNOWN_FORMATS: Format[] = [
  { id: 'aws-access-key-id', label: 'AWS access key id', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g, live: true, keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'] },
  { id: 'github-token', label: 'GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,255}\b/g, live: true, keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'] },
  { id: 'github-fine-grained-token', label: 'GitHub token', pattern: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/g, live: true, keywords: ['github_pat_'] },
  { id: 'gitlab-token', label: 'GitLab token', pattern: /\bglpat-[A-Za-z0-9_-]{20,64}\b/g, live: true, keywords: ['glpat-'] },
  { id: 'slack-token', label: 'Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,255}\b/g, live: true, keywords: ['xox'] },
  { id: 'slack-webhook', label: 'Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,16}\/B[A-Z0-9]{6,16}\/[A-Za-z0-9]{20,40}/g, live: true, keywords: ['hooks.slack.com'] },
  { id: 'stripe-live-key', label: 'Stripe live key', pattern: /\b(?:sk|rk)_live_[A-Za-z0-9]{20,247}\b/g, live: true, keywords: ['_live_'] },
  { id: 'stripe-test-key', label: 'Stripe test key', pattern: /\b(?:sk|rk)_test_[A-Za-z0-9]{20,247}\b/g, live: false, keywords: ['_test_'] },
  { id: 'google-api-key', label: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, live: true, keywords: ['AIza'] },
  { id: 'npm-token', label: 'npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, live: true, keywords: ['npm_'] },
  { id: 'sendgrid-key', label: 'SendGrid API key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g, live: true, keywords: ['SG.'] },
  { id: 'openai-key', label: 'OpenAI API key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,200}T3BlbkFJ[A-Za-z0-9_-]{20,200}/g, live: true, keywords: ['T3BlbkFJ'] },
  { id: 'private-key', label: 'private key', pattern: /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY(?: BLOCK)?-----/g, live: false, keywords: ['-----BEGIN '] },
  { id: 'jwt', label: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{10,4096}/g, live: false, keywords: ['eyJ'] },
];

/**
 * `scheme://user:password@host`. Quantifiers are bounded so that a long run without `@` costs
 * at most 256 steps per start position.
 */
export const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:@/'"`]{0,256}):([^\s@/'"`]{1,256})@[^\s'"`]{1,512}/gi;

/** An Authorization header value: `Bearer <token>`, `Basic <base64>`; the token is the secret. */
// Any printable run up to a quote, bracket or blank: tokens are base64, hex or JWTs, but a password
// pasted after `Basic` can hold any character.
export const AUTH_HEADER_VALUE = /\b(Bearer|Basic|Token)[ \t]{1,8}([^\s'"`<>()[\]{},;]{16,1024})(?![^\s'"`<>()[\]{},;])/g;

/**
 * Credentials published in providers' documentation and tutorials: copied everywhere, live nowhere.
 * (AWS's documentation keys carry EXAMPLE and are caught by the check below.)
 */
const PUBLISHED_SAMPLES = new Set([
  // Stripe API reference test key.
  ['sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join(''),
  // jwt.io default token (HS256, "John Doe").
  ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.'),
]);

const SECRET_LAST_WORDS = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'privatekey', 'secretkey', 'accesskey']);
const KEY_QUALIFIERS = new Set(['api', 'private', 'access', 'secret', 'signing', 'encryption', 'encrypt', 'master', 'app', 'auth', 'client', 'service', 'account', 'hmac', 'jwt', 'crypto', 'session', 'license', 'admin', 'sign']);
/** Names whose last word is secret-like but which hold no secret. */
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
function secretNameWords(name: string): string[] {
  return nameWords(name)
    .map(trimTrailingDigits)
    .filter((w) => w !== '' && w !== 'v');
}

/** Does this name (variable, key, env var) name a secret? */
/** Names repeat (every `name`, `id`, `type` key of a large JSON file): the answer is remembered. */
const secretNameAnswers = new Map<string, boolean>();

export function isSecretName(name: string): boolean {
  let answer = secretNameAnswers.get(name);
  if (answer === undefined) {
    answer = isSecretNameUncached(name);
    if (secretNameAnswers.size >= 10_000) secretNameAnswers.clear();
    secretNameAnswers.set(name, answer);
  }
  return answer;
}

function isSecretNameUncached(name: string): boolean {
  if (NOT_SECRET_NAMES.has(name.toLowerCase())) return false;
  const words = secretNameWords(name);
  const last = words[words.length - 1];
  if (!last) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  if ((last === 'key' || last === 'keys') && words.length >= 2 && KEY_QUALIFIERS.has(words[words.length - 2]!)) return true;
  return false;
}

const PLACEHOLDER_WORDS =
  /change[-_ ]?me|changeit|replace|your[-_ ]|example|sample|placeholder|dummy|fake|xxxx|\*\*\*|todo|tbd|redacted|insert|secret|pass|token|mock|foobar|lorem|default|notset|not[-_]set|none|null|undefined|test|dev[-_]|local|invalid|wrong|expired/i;

/** Values that stand for a secret without being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/\$\{|\{\{|\$\(|%\(|^\$[A-Za-z_]|^<[^>]*>$|^\[[^\]]*\]$|process\.env|^env\./.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  return false;
}

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

function classes(s: string): number {
  return (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
}

/** Does a value bound to a secret name look like a real secret rather than a word, path or id? */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 8 || v.length > 4096) return false;
  if (/\s/.test(v)) return false;
  if (isPlaceholder(v)) return false;
  // Env var names, header names, dotted keys, plain words: `DB_PASSWORD`, `x-api-key`, `auth.token`,
  // `not!valid!hex`: lower-case letter runs joined by punctuation, no digits.
  // Also names with short numbers: `aes-256-gcm`, `tls1.3`, `api-v2`.
  if (/^[a-z]+(?:[-_.:](?:[a-z]+|\d{1,4}))*$/.test(v)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(v) || /^[a-z]+(?:[^A-Za-z0-9\s]+[a-z]+)*[^A-Za-z0-9\s]*$/.test(v) || /^[a-z]+(?:[A-Z][a-z]+)+$/.test(v)) return false;
  // Password hashes (bcrypt, argon2, crypt): what a database stores, not a credential.
  if (/^\$(2[abxy]?|argon2(id|i|d)|5|6|scrypt|pbkdf2[-\w]*)\$/.test(v)) return false;
  // Paths and file names: `./keys/private.pem`, `/run/secrets/db`, `secret.json`.
  if (/^(\.{0,2}\/|~\/)/.test(v) || /\.(pem|key|crt|json|ya?ml|txt|env|p12|pfx)$/i.test(v)) return false;
  // URLs without credentials.
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(v)) return false;
  // Sequences: 12345678, abcdefgh.
  if (isSequential(v)) return false;
  if (shannonEntropy(v) < 3) return false;
  return classes(v) >= 2 || v.length >= 20;
}

function isSequential(v: string): boolean {
  let up = true;
  for (let i = 1; i < v.length; i++) if (v.charCodeAt(i) !== v.charCodeAt(i - 1) + 1) up = false;
  return up;
}

/** A documentation sample or a filler value in a token's shape (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`). */
function isSampleToken(value: string): boolean {
  return /EXAMPLE|XXXX|xxxx|0000000000/.test(value) || PUBLISHED_SAMPLES.has(value);
}

/** Known token formats and URL passwords anywhere in `text`. */
export function findKnownSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (text.length < 8) return out;
  for (const f of KNOWN_FORMATS) {
    if (!f.keywords.some((k) => text.includes(k))) continue;
    f.pattern.lastIndex = 0;
    for (let m = f.pattern.exec(text); m; m = f.pattern.exec(text)) {
      const value = m[f.group ?? 0]!;
      if (!isSampleToken(value)) out.push({ label: f.label, detector: f.id, value, index: m.index, live: f.live });
    }
  }
  if (text.includes('://')) {
    URL_PASSWORD.lastIndex = 0;
    for (let m = URL_PASSWORD.exec(text); m; m = URL_PASSWORD.exec(text)) {
      const password = m[3]!;
      if (isPlaceholder(password) || /^(pass|pwd|pw|p)$/i.test(password)) continue;
      out.push({ label: `password in a ${m[1]!.toLowerCase()} URL`, detector: 'url-password', value: password, index: m.index + m[0].indexOf(`:${password}@`) + 1, live: false });
    }
  }
  if (/Bearer|Basic|Token/.test(text)) {
    AUTH_HEADER_VALUE.lastIndex = 0;
    for (let m = AUTH_HEADER_VALUE.exec(text); m; m = AUTH_HEADER_VALUE.exec(text)) {
      const token = m[2]!;
      // Already reported as a known format (a GitHub token after `Bearer`), or not random enough.
      if (out.some((o) => o.index <= m!.index + m![0].length && m!.index <= o.index + o.value.length)) continue;
      if (!looksLikeSecretValue(token)) continue;
      out.push({ label: `${m[1]!} credential in an Authorization value`, detector: 'auth-header', value: token, index: m.index + m[0].length - token.length, live: false });
    }
  }
  return out;
}

/**
 * A value bound to a secret-like name: known formats first, then name + entropy. In test files
 * (`inTest`) made-up credentials are the norm (`'123qwe!@#'`, `'ABCabc123'`), so only long,
 * random-looking values count there.
 */
export function detectNamedSecret(name: string | undefined, value: string, options: { inTest?: boolean } = {}): SecretMatch | null {
  const known = findKnownSecrets(value)[0];
  if (known) return known;
  if (name === undefined || !isSecretName(name)) return null;
  if (!looksLikeSecretValue(value)) return null;
  if (options.inTest && (value.length < 16 || shannonEntropy(value) < 3.5)) return null;
  const words = secretNameWords(name);
  return { label: words.slice(-2).join(' '), detector: 'named', value, index: 0, live: false };
}

/** At most a 4-character prefix (and no more than a third of the value) and the length. */
export function redact(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 3));
  return `${secret.slice(0, shown)}… (${secret.length} chars)`;
}

/**
 * Known token formats for text that is not code: file paths and report messages. A pattern's `\b`
 * becomes "no letter or digit" here, because in a file name a token is often joined by `_`
 * (`backup_AKIA….env`), where `\b` does not break. Only formats that are a credential by themselves:
 * the private-key header names a secret without holding one; the entropy detectors are never used,
 * so that an ordinary file name is never changed.
 */
export const TEXT_FORMATS: Array<{ id: string; pattern: RegExp; keywords: string[] }> = KNOWN_FORMATS.filter((f) => f.id !== 'private-key').map((f) => ({
  id: f.id,
  pattern: new RegExp(f.pattern.source.replace(/^\\b/, '(?<![A-Za-z0-9])').replace(/\\b$/, '(?![A-Za-z0-9])'), f.pattern.flags),
  keywords: f.keywords,
}));

/**
 * `text` with every known-format token replaced by its redact() form (`ghp_… (40 chars)`), the rest
 * untouched. Deterministic (the same path always gives the same text, so baselines still match) and
 * idempotent (a redacted token no longer matches its format).
 */
export function redactKnownTokens(text: string): string {
  if (text.length < 16) return text;
  let out = text;
  for (const f of TEXT_FORMATS) {
    if (!f.keywords.some((k) => out.includes(k))) continue;
    f.pattern.lastIndex = 0;
    out = out.replace(f.pattern, (value) => (isSampleToken(value) ? value : redact(value)));
  }
  return out;
}

/** Does `text` hold a known-format token that redactKnownTokens() would redact (a path, a cache key)? */
export function holdsKnownToken(text: string): boolean {
  return redactKnownTokens(text) !== text;
}
