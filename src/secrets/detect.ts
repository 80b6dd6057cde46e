// Secret detection shared by every rule that looks for credentials. Two kinds of evidence:
// 1. known token formats (AWS, GitHub, Slack, Stripe...): precise wherever they appear;
// 2. a value bound to a secret-like name (password, api_key, clientSecret...) that is not a
//    placeholder and looks random enough. Generic scanners lose their users on this second kind
//    (hashes, placeholders, header names), so the name must really name a secret and the value must
//    really look like one.
// Every pattern is linear-time: no nested quantifiers, bounded repetition where a run could be long.

import { crc32 } from 'node:zlib';
import { isPublishedVariable, isSecretName, secretNameWords } from './vocabulary.js';
import { KeywordIndex } from './keyword-index.js';

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
  /**
   * The token proves it was issued: its format carries a checksum and the checksum holds (GitHub,
   * npm). Other live formats cannot be told from a value made up for a test by looking at them.
   */
  verified?: boolean;
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
  { id: 'stripe-webhook-secret', label: 'Stripe webhook secret', pattern: /\bwhsec_[A-Za-z0-9+/]{32,100}(?![A-Za-z0-9+/])/g, live: true, keywords: ['whsec_'] },
  { id: 'anthropic-key', label: 'Anthropic API key', pattern: /\bsk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,120}AA(?![A-Za-z0-9_-])/g, live: true, keywords: ['sk-ant-'] },
  { id: 'twilio-api-key', label: 'Twilio API key', pattern: /\bSK[0-9a-fA-F]{32}\b/g, live: true, keywords: ['SK'] },
  { id: 'mailgun-key', label: 'Mailgun API key', pattern: /\bkey-[0-9a-f]{32}\b/g, live: true, keywords: ['key-'] },
  { id: 'mailchimp-key', label: 'Mailchimp API key', pattern: /\b[0-9a-f]{32}-us\d{1,2}\b/g, live: true, keywords: ['-us'] },
  { id: 'shopify-token', label: 'Shopify access token', pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g, live: true, keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'] },
  { id: 'square-token', label: 'Square access token', pattern: /\b(?:sq0atp-[0-9A-Za-z_-]{22}|sq0csp-[0-9A-Za-z_-]{43})(?![0-9A-Za-z_-])/g, live: true, keywords: ['sq0atp-', 'sq0csp-'] },
  { id: 'digitalocean-token', label: 'DigitalOcean token', pattern: /\bdo[por]_v1_[a-f0-9]{64}\b/g, live: true, keywords: ['_v1_'] },
  { id: 'heroku-api-key', label: 'Heroku API key', pattern: /\bHRKU-AA[0-9a-zA-Z_-]{58}(?![0-9a-zA-Z_-])/g, live: true, keywords: ['HRKU-'] },
  { id: 'huggingface-token', label: 'Hugging Face token', pattern: /\b(?:hf|api_org)_[A-Za-z]{34}\b/g, live: true, keywords: ['hf_', 'api_org_'] },
  { id: 'databricks-token', label: 'Databricks token', pattern: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g, live: true, keywords: ['dapi'] },
  { id: 'discord-webhook', label: 'Discord webhook URL', pattern: /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[A-Za-z0-9_-]{60,68}/g, live: true, keywords: ['discord'] },
  { id: 'telegram-bot-token', label: 'Telegram bot token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])/g, live: true, keywords: [':AA'] },
  { id: 'azure-storage-key', label: 'Azure storage account key', pattern: /\bAccountKey=[A-Za-z0-9+/]{86}==/g, live: true, keywords: ['AccountKey='] },
  { id: 'pypi-token', label: 'PyPI upload token', pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}/g, live: true, keywords: ['pypi-AgEIcHlwaS5vcmc'] },
  { id: 'doppler-token', label: 'Doppler token', pattern: /\bdp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,44}\b/g, live: true, keywords: ['dp.'] },
  { id: 'linear-key', label: 'Linear API key', pattern: /\blin_api_[A-Za-z0-9]{40}\b/g, live: true, keywords: ['lin_api_'] },
  { id: 'notion-token', label: 'Notion token', pattern: /\bntn_\d{11}[A-Za-z0-9]{35}\b/g, live: true, keywords: ['ntn_'] },
  { id: 'postman-key', label: 'Postman API key', pattern: /\bPMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}\b/g, live: true, keywords: ['PMAK-'] },
  { id: 'sentry-token', label: 'Sentry token', pattern: /\b(?:sntryu_[a-f0-9]{64}\b|sntrys_eyJ[A-Za-z0-9+/=_]{60,600})/g, live: true, keywords: ['sntryu_', 'sntrys_'] },
  { id: 'slack-app-token', label: 'Slack app token', pattern: /\bxapp-\d-[A-Z0-9]{1,20}-\d{1,20}-[a-z0-9]{20,80}\b/g, live: true, keywords: ['xapp-'] },
  { id: 'grafana-token', label: 'Grafana token', pattern: /\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b|glc_[A-Za-z0-9+/]{32,400}={0,3})/g, live: true, keywords: ['glsa_', 'glc_'] },
  { id: 'planetscale-token', label: 'PlanetScale token', pattern: /\bpscale_(?:tkn|oauth|pw)_[A-Za-z0-9_=.-]{32,64}/g, live: true, keywords: ['pscale_'] },
  { id: 'supabase-token', label: 'Supabase access token', pattern: /\bsbp_[a-f0-9]{40}\b/g, live: true, keywords: ['sbp_'] },
  { id: 'vault-token', label: 'HashiCorp Vault token', pattern: /\bhvs\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])/g, live: true, keywords: ['hvs.'] },
  { id: 'age-secret-key', label: 'age secret key', pattern: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/g, live: true, keywords: ['AGE-SECRET-KEY-1'] },
  { id: 'jwt', label: 'JSON Web Token', pattern: /\beyJ[A-Za-z0-9_-]{10,4096}\.eyJ[A-Za-z0-9_-]{10,8192}\.[A-Za-z0-9_-]{10,4096}/g, live: false, keywords: ['eyJ'] },
];

/**
 * What the secret rules report of findKnownSecrets: every known format, and URL passwords that look
 * like credentials. `postgres://postgres:postgres@db`, `admin:admin@localhost`: the default password
 * of a local or example stack grants nothing anywhere else, and on the accuracy corpus every such
 * finding was judged false. Redaction keeps using findKnownSecrets, which hides them all.
 * `complete`: the text is a whole value (a lone string literal, a YAML scalar), so a private-key
 * header at its end has no body anywhere (`s.startsWith('-----BEGIN RSA PRIVATE KEY-----')`); without
 * it the body may be in the next piece of a concatenation, and the header is reported.
 */
export function findReportableSecrets(text: string, options: { complete?: boolean } = {}): SecretMatch[] {
  const known = findKnownSecrets(text);
  // Nearly always empty: returned as it is (a fresh array) rather than copied by filter.
  if (known.length === 0) return known;
  return known.filter(
    (m) =>
      (m.detector !== 'url-password' || looksLikeSecretValue(m.value)) &&
      (m.detector !== 'private-key' || !hasPlaceholderKeyBody(text, m.index + m.value.length, options.complete === true)) &&
      (m.detector !== 'aws-access-key-id' || !isPresignedUrlKeyId(text, m.index, m.value.length)) &&
      (m.detector !== 'jwt' || !isShortLivedJwt(m.value)) &&
      (m.detector !== 'google-api-key' || !isFirebaseConfigApiKeyIn(text, m.index)),
  );
}

/** Keys that sit beside `apiKey` in a Firebase web app's config (`initializeApp({ apiKey, authDomain, projectId, ... })`). */
const FIREBASE_CONFIG_KEYS = ['authDomain', 'projectId', 'storageBucket', 'messagingSenderId', 'appId', 'databaseURL', 'measurementId'];
const FIREBASE_CONFIG_KEY_SET: ReadonlySet<string> = new Set(FIREBASE_CONFIG_KEYS);

/**
 * Whether the keys of an object holding `apiKey` are a Firebase web app's config: at least two of its
 * other keys. Firebase documents that `apiKey` as a public identifier of the project: every client
 * bundle ships it, and Firebase's security rules, not the key, guard the data (scrypted's push
 * plugin, excalidraw's production .env). A Google API key there is not reported.
 */
export function isFirebaseConfigKeys(keys: Iterable<string>): boolean {
  let siblings = 0;
  for (const key of keys) if (FIREBASE_CONFIG_KEY_SET.has(key) && ++siblings >= 2) return true;
  return false;
}

const FIREBASE_API_KEY_FIELD = /\bapiKey["']?\s*[:=]\s*["'`]?$/;
const FIREBASE_CONFIG_FIELD = new RegExp(`\\b(${FIREBASE_CONFIG_KEYS.join('|')})["']?\\s*[:=]`, 'g');

/**
 * The same in a text: the key is the value of an `apiKey` field of a config written out as JSON or
 * code inside a value (`VITE_APP_FIREBASE_CONFIG='{"apiKey":"AIza…","authDomain":…}'`), with two of
 * the config's other fields within a kilobyte of it.
 */
function isFirebaseConfigApiKeyIn(text: string, index: number): boolean {
  if (!FIREBASE_API_KEY_FIELD.test(text.slice(Math.max(0, index - 24), index))) return false;
  const around = text.slice(Math.max(0, index - 1024), index + 1024);
  const keys: string[] = [];
  FIREBASE_CONFIG_FIELD.lastIndex = 0;
  for (let m = FIREBASE_CONFIG_FIELD.exec(around); m !== null; m = FIREBASE_CONFIG_FIELD.exec(around)) keys.push(m[1]!);
  return isFirebaseConfigKeys(keys);
}

/**
 * An AWS access key id as the signer of a pre-signed URL: `?X-Amz-Credential=AKIA…/20241220/us-east-1/s3/aws4_request`
 * (SigV4) or `?AWSAccessKeyId=AKIA…` (SigV2), in a URL that carries its signature. A pre-signed URL is
 * made to be handed out until it expires, and holds the key id by design; the secret key that signed
 * it is not in it (secretlint's AWS rule is moving to not report bare key ids either). An id written
 * anywhere else in the same text (`aws_access_key_id=AKIA…` beside the URL) is still reported.
 */
function isPresignedUrlKeyId(text: string, index: number, length: number): boolean {
  const before = text.slice(Math.max(0, index - 20), index);
  // `;` for a URL copied out of HTML (`&amp;X-Amz-Credential=`).
  const sigV4 = /[?&;]X-Amz-Credential=$/i.test(before);
  if (!sigV4 && !/[?&;]AWSAccessKeyId=$/i.test(before)) return false;
  // SigV4's credential scope follows the id: `/<yyyymmdd>/`, URL-encoded or not.
  if (sigV4 && !/^(?:\/|%2F)\d{8}(?:\/|%2F)/i.test(text.slice(index + length, index + length + 16))) return false;
  return /[?&;](?:X-Amz-)?Signature=/i.test(urlAround(text, index));
}

/** The URL-like run of text around `index`, up to a blank or a quote on either side (at most 4 KB each way). */
function urlAround(text: string, index: number): string {
  let start = index;
  const low = Math.max(0, index - 4096);
  while (start > low && !/[\s'"`<>]/.test(text[start - 1]!)) start--;
  let end = index;
  const high = Math.min(text.length, index + 4096);
  while (end < high && !/[\s'"`<>]/.test(text[end]!)) end++;
  return text.slice(start, end);
}

/** A token that lives no longer than this was copied from a browser or a log, not configured. */
const SHORT_LIVED_SECONDS = 24 * 60 * 60;

/**
 * A JWT whose own claims give it a lifetime of a day at most (`exp` minus `nbf` or `iat`): the token
 * of a signed link (GitHub's `private-user-images…?jwt=` expires five minutes after it is issued), a
 * session token pasted from a browser. It was dead long before anyone reads the commit, and it is
 * not the key that signs tokens. Judged on the claims alone, never the clock, so the answer is the
 * same on every run. A token without both claims, or living longer, is reported as before.
 */
function isShortLivedJwt(token: string): boolean {
  const payload = token.split('.')[1];
  if (payload === undefined || payload.length > 8192) return false;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return false;
  }
  if (typeof claims !== 'object' || claims === null) return false;
  const { exp, nbf, iat } = claims as Record<string, unknown>;
  const start = typeof nbf === 'number' ? nbf : iat;
  if (typeof exp !== 'number' || typeof start !== 'number') return false;
  const lifetime = exp - start;
  return lifetime >= 0 && lifetime <= SHORT_LIVED_SECONDS;
}

/**
 * The shortest key body there is: an Ed25519 key in PKCS#8 is 48 bytes, 64 base64 characters. A
 * body shorter than that between the BEGIN and END lines is a sample cut to its first line (the
 * `MIIEvQIBADANBgkqhkiG9w0BAQEFAA...` every PKCS#8 RSA key starts with), not a key.
 */
const MIN_KEY_BODY = 64;

/**
 * A private-key header followed by something no key body looks like: `[private-key-content]`,
 * `...`, `<your key>`, the END line at once or after fewer than MIN_KEY_BODY characters. A header at
 * the end of a text that may be one piece of a longer value is not judged: its body may be elsewhere.
 */
function hasPlaceholderKeyBody(text: string, headerEnd: number, complete: boolean): boolean {
  let i = headerEnd;
  // Blank space and newline escapes as they appear in source code (`\n`, `\r\n`).
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === '\\' && (text[i + 1] === 'n' || text[i + 1] === 'r')) i += 2;
    else break;
  }
  if (i >= text.length) return complete;
  // PEM headers of an encrypted key come before its body.
  const rest = text.slice(i, i + 400).replace(/^(?:(?:Proc-Type|DEK-Info|Comment|Version):[^\n\\]{0,200}(?:\\r|\\n|\r|\n|\s){1,6})+/, '');
  if (!/^[A-Za-z0-9+/]{16}/.test(rest)) return true;
  if (isCertificateDer(rest)) return true;
  return bodyBeforeEndLine(text, i) < MIN_KEY_BODY;
}

/**
 * A body that is a certificate under a private-key header (a form's sample text made by pasting a
 * certificate): X.509's DER opens with SEQUENCE, SEQUENCE, then the explicit `[0]` version
 * (A0 03 02 01 xx), which no private key format has (PKCS#8 and PKCS#1 open with INTEGER 0, SEC 1
 * with INTEGER 1, OpenSSH with its magic string).
 */
function isCertificateDer(body: string): boolean {
  const bytes = Buffer.from(body.slice(0, 24), 'base64');
  if (bytes[0] !== 0x30) return false;
  for (let i = 2; i + 3 < Math.min(bytes.length, 14); i++) {
    if (bytes[i] === 0xa0 && bytes[i + 1] === 0x03 && bytes[i + 2] === 0x02 && bytes[i + 3] === 0x01) return true;
  }
  return false;
}

/** Certificates looked at in one text, and the base64 read of each: a certificate is a few kilobytes. */
const MAX_CERTIFICATES = 8;
const MAX_CERTIFICATE_BODY = 16_384;
/** The names a certificate for the developer's own machine is issued to. */
const LOCAL_NAME = /^(localhost|127\.0\.0\.1|::1|[\w.-]+\.localhost)$/i;

/**
 * Whether the text holds a PEM certificate and every certificate in it is issued by and to a local
 * name (each common name, issuer's and subject's, is `localhost`, `127.0.0.1`, `::1` or a
 * `*.localhost` name): the self-signed pair a development server falls back to (miniflare's
 * `https: true`). Its private key is published on purpose; no CA issues a certificate for localhost.
 * The common names are read from the DER (OID 2.5.4.3 and the string after it), not from comments.
 */
export function holdsLocalhostCertificateOnly(text: string): boolean {
  let found = 0;
  for (let at = text.indexOf('-----BEGIN CERTIFICATE-----'); at >= 0 && found < MAX_CERTIFICATES; at = text.indexOf('-----BEGIN CERTIFICATE-----', at + 1)) {
    const start = at + '-----BEGIN CERTIFICATE-----'.length;
    const end = text.indexOf('-----END CERTIFICATE-----', start);
    if (end < 0 || end - start > MAX_CERTIFICATE_BODY) return false;
    // Lines of a template literal, or `\n` escapes of a JSON string.
    const body = text.slice(start, end).replace(/\\[nr]/g, '').replace(/[^A-Za-z0-9+/=]/g, '');
    const names = commonNames(Buffer.from(body, 'base64'));
    if (names.length === 0 || !names.every((n) => LOCAL_NAME.test(n))) return false;
    found++;
  }
  return found > 0;
}

/** The values of the commonName attributes of a DER certificate (issuer's and subject's). */
function commonNames(der: Uint8Array): string[] {
  const names: string[] = [];
  for (let i = 0; i + 6 < der.length && names.length < 8; i++) {
    // OID 2.5.4.3: 06 03 55 04 03, then a UTF8String, PrintableString or IA5String (short length).
    if (der[i] !== 0x06 || der[i + 1] !== 0x03 || der[i + 2] !== 0x55 || der[i + 3] !== 0x04 || der[i + 4] !== 0x03) continue;
    const tag = der[i + 5];
    const length = der[i + 6]!;
    if ((tag !== 0x0c && tag !== 0x13 && tag !== 0x16) || length > 64 || i + 7 + length > der.length) continue;
    names.push(Buffer.from(der.subarray(i + 7, i + 7 + length)).toString('latin1'));
  }
  return names;
}

/** `.` `…` `*` `<` `>` `[` `]`: what a writer puts where a key's body was left out. */
const ELISION = new Set([0x2e, 0x2026, 0x2a, 0x3c, 0x3e, 0x5b, 0x5d]);

/**
 * Base64 characters from `from` up to an END line (`-----END`), skipping blank space and `\n`
 * escapes; Infinity when no END line comes within the first few kilobytes (a body that goes on, or a
 * key cut short: not judged short). A body with an elision mark in it before its END line
 * (`MIIE…`, `MIIEpQ….`, a `<key>` among the lines) is 0: no key is written that way, it is a sample
 * cut short in an API description or a form's hint (Twilio's OpenAPI specs cut a key to its first
 * line and a dot).
 */
function bodyBeforeEndLine(text: string, from: number): number {
  const limit = Math.min(text.length, from + 8192);
  let count = 0;
  let elided = false;
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    // A-Z a-z 0-9 + / =
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61) count++;
    else if (c === 45 /* - */) return text.startsWith('-----END', i) ? (elided ? 0 : count) : Infinity;
    else if (c === 92 /* \ */ && (text[i + 1] === 'n' || text[i + 1] === 'r')) i++;
    else if (ELISION.has(c)) elided = true;
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return Infinity;
  }
  return Infinity;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm (`npm_`) tokens end in a checksum: the CRC32
 * of the 30 random characters, in base62, six characters (GitHub's 2021 token format). A token in
 * that shape whose checksum fails was never issued: a sample someone typed or generated for a test.
 * Other lengths are older or other formats and are not judged here.
 */
export function failsTokenChecksum(value: string): boolean {
  const m = CHECKSUMMED_TOKEN.exec(value);
  return m !== null && tokenChecksum(m[1]!) !== m[2];
}

const CHECKSUMMED_TOKEN = /^(?:gh[pousr]|npm)_([A-Za-z0-9]{30})([A-Za-z0-9]{6})$/;
function hasTokenChecksum(value: string): boolean {
  return CHECKSUMMED_TOKEN.test(value);
}

/** The six base62 characters GitHub and npm append to a token's 30 random characters. */
export function tokenChecksum(random: string): string {
  let n = crc32(random);
  let sum = '';
  for (let k = 0; k < 6; k++) {
    sum = BASE62[n % 62]! + sum;
    n = Math.floor(n / 62);
  }
  return sum;
}

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
  // The Azure Storage emulator's (Azurite) account key for devstoreaccount1, published by Microsoft
  // and the same on every machine.
  ['AccountKey=', 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='].join(''),
  // jwt.io default token (HS256, "John Doe").
  ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.'),
]);

export { isSecretName, nameWords } from './vocabulary.js';

/**
 * Words that say a value stands for a secret, anywhere in it (`mysecretpassword`, `resettoken123`,
 * `p@ssw0rd`). Three-letter words only as a word of their own (`dev-key`, `TBD`): a random value
 * holds one by chance too often (`H2XtXBnnTBDURB…`).
 */
const PLACEHOLDER_WORDS =
  /change[-_ ]?me|changeit|replace|your[-_ ]|example|sample|placeholder|dummy|fake|xxxx|\*\*\*|todo|redacted|insert|secret|pass|p[@4][s$5]{2}w[o0]rd|token|mock|foobar|lorem|default|notset|not[-_]set|none|null|undefined|test|demo|local|invalid|wrong|expired/i;
/**
 * Words that ask a person to fill a value in: never a value anything runs with. `randomString`,
 * `random-secret`, `generate-me` say what to put (a random value holds no such words).
 */
const FILL_IN_WORDS = /change[-_ ]?me|changeit|replace|your[-_ ]|example|sample|placeholder|dummy|xxxx|\*\*\*|<[^<>]{0,64}>|random[-_ ]?(?:string|str|value|secret|key|token|password|chars|characters|bytes|hex)|generate[-_ ]?(?:me|one|it)(?![a-z])/i;

/** A value written to be replaced (`replace-me-with-a-random-string`, `<jwt-secret>`) or a sentence telling what to put. */
export function isFillInPlaceholder(value: string): boolean {
  return FILL_IN_WORDS.test(value) || /\s/.test(value.trim());
}

const SHORT_PLACEHOLDER_WORDS = /(?:^|[^A-Za-z])(?:tbd|dev)(?![a-z])/i;

/** Values that stand for a secret without being one. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/\$\{|\{\{|\$\(|%\(|#\{|^\$[A-Za-z_]|^<[^>]*>$|^\[[^\]]*\]$|process\.env|^env\./.test(v)) return true;
  // `__API_KEY__`, `@@TOKEN@@`, `%API_KEY%`: build-time substitution markers.
  if (/^(__|@@|%)[A-Za-z0-9_]+\1$/.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v) || SHORT_PLACEHOLDER_WORDS.test(v)) return true;
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

/** How many of lower case, upper case, digits and other characters the value mixes. */
export function characterClasses(s: string): number {
  return (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
}

/** Below this a value bound to a secret name is a word, a flag or a short id, not a credential. */
export const MIN_SECRET_LENGTH = 8;

/**
 * Made of words, as names, keys and paths are (`passwordResetRequired`, `PASSWORD_RESET`,
 * `auth.password.reset`, `X-Api-Key`, `application/vnd.api+json`, `db-credentials-v2`): every piece
 * between separators and case changes is a word of three letters or more or a number, with at most
 * one number. Random keys break into many one- and two-character pieces.
 */
export function isWordLike(value: string): boolean {
  let end = value.length;
  while (end > 0 && value[end - 1] === '=') end--;
  const pieces = value
    .slice(0, end)
    .split(/[_\-./~+:@#]+/)
    .filter(Boolean)
    // `OAuth` stays one piece; `HTTPServer` gives `HTTP`, `Server`; `conversationId` gives `conversation`, `Id`.
    .flatMap((part) => part.match(/[A-Z]{0,2}[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? [part]);
  if (pieces.length === 0) return false;
  let numbers = 0;
  let short = 0;
  for (const p of pieces) {
    if (/^\d+$/.test(p)) numbers++;
    else if (p.length === 1 && !/^[XxVv]$/.test(p)) return false;
    // Two-letter words (`Id`, `By`, `UI`) are words when few: a random run is mostly short pieces.
    else if (p.length < 3) short++;
  }
  return numbers <= 1 && short * 3 <= pieces.length;
}

/**
 * A path or a URL without credentials (`/run/secrets/db`, `./keys/private.pem`,
 * `file:///home/node/shared/worker_token`, `https://vault.internal/v1/app`): it says where a secret is
 * read from, which is how a secret should be passed, not the secret.
 */
export function namesWhereSecretIs(value: string): boolean {
  const v = value.trim();
  return /^(\.{0,2}\/|~\/)/.test(v) || /^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(v);
}

/**
 * Text that is not a credential whatever name it is bound to: a name, path, route, key, header,
 * CSS variable, MIME type, file name, URL without a password, template or format placeholder.
 */
function isNonSecretShape(v: string): boolean {
  // Natural language in any script: credentials are printable ASCII; translations are not (CJK,
  // Cyrillic, accented Latin sentences, which need no blank to be a sentence).
  if (/[^\x21-\x7e]/.test(v)) return true;
  if (isWordLike(v)) return true;
  // Keys published by design: PostHog project keys, Stripe publishable keys, Mapbox and Langfuse public keys.
  if (/^(?:phc_|pk_(?:live|test)_|pk\.eyJ|pk-lf-|NRJS-)/.test(v)) return true;
  // Paddle's client-side tokens (`live_` or `test_` and 27 hex digits), made for Paddle.js in the browser.
  if (/^(?:live|test)_[0-9a-f]{27}$/.test(v)) return true;
  // An Ethereum address (`0x` and 40 hex digits): public by nature, as a contract's or a wallet's
  // (a private key is 64 hex digits).
  if (/^0x[0-9a-fA-F]{40}$/.test(v)) return true;
  // Crowdin's in-context pseudo-language (`crwdns5537:0crwdne5537:0`): each string of a translation
  // file replaced by its string id, whatever the key (`apiKey`, `password`) the string labels.
  if (/^crwdns\d{1,12}:\d{1,6}.{0,4096}crwdne\d{1,12}:\d{1,6}$/.test(v)) return true;
  // Identifiers (request ids, tenant ids, authenticator AAGUIDs), not keys: a UUID.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) return true;
  // Regular expressions (linter and scanner configs list them under `tokens`).
  if (/\\[bdswBDSW]|\(\?[:=!<]|\[[a-z0-9]-[a-z0-9]\]|\.[*+]|^\^/.test(v)) return true;
  // CSS custom properties (`--color-run-pending`, `var(--x)`), and flags.
  if (/^--?[A-Za-z]|var\(--/.test(v)) return true;
  // Format and route placeholders: `%s`, `%d`, `{id}`, `/users/:id`.
  if (/(?:^|[^A-Za-z0-9])%[sdifjo](?![A-Za-z0-9])|\{[A-Za-z_][\w.]*\}|(?:^|\/):[A-Za-z_]/.test(v)) return true;
  // Version numbers (a pnpm catalog's `next-auth: 5.0.0-beta.31`): semver, with its range prefixes.
  if (/^[~^=v]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(v)) return true;
  // Password hashes (bcrypt, argon2, crypt): what a database stores, not a credential.
  if (/^\$(2[abxy]?|argon2(id|i|d)|5|6|scrypt|pbkdf2[-\w]*)\$/.test(v)) return true;
  if (namesWhereSecretIs(v)) return true;
  // File names: `secret.json`, `app.module.ts`.
  if (/\.(pem|key|crt|cer|der|json|ya?ml|toml|txt|env|p12|pfx|jks|js|mjs|cjs|ts|tsx|jsx|html?|css|scss|svg|png|jpe?g|gif|webp|ico|md|sh|sql|log|xml|csv|patch|diff|lock|tgz)$/i.test(v)) return true;
  // E-mail addresses.
  if (/^[\w.+-]+@[\w-]+(\.[\w-]+)+$/.test(v)) return true;
  // Route paths and scope names: `v1/stats/by-period`, `/api/auth/session` (lower-case words between slashes).
  if (/^\/?[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*(?:\/[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)+\/?$/.test(v)) return true;
  // Storage keys of uploaded files: words and dates before the file's id (`space/2021/05/29/a1cd…`,
  // apitable's emoji catalogue, 1,700 `token` fields). A base64 secret's segments are not words.
  if (/^\/?(?:[a-z][a-z0-9_-]*|\d{1,4})(?:\/(?:[a-z][a-z0-9_-]*|\d{1,4})){2,}\/[A-Za-z0-9._-]+$/.test(v)) return true;
  // MIME types and other `word/word` pairs.
  if (/^[a-z]+\/[a-z0-9.+-]+$/i.test(v) && !(/\d/.test(v) && /[A-Z]/.test(v))) return true;
  return false;
}

/** Does a value bound to a secret name look like a real secret rather than a word, path or id? */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < MIN_SECRET_LENGTH || v.length > 4096) return false;
  if (/\s/.test(v)) return false;
  if (isPlaceholder(v)) return false;
  // Env var names, header names, dotted keys, plain words: `DB_PASSWORD`, `x-api-key`, `auth.token`,
  // `not!valid!hex`: lower-case letter runs joined by punctuation, no digits.
  // Also names with short numbers: `aes-256-gcm`, `tls1.3`, `api-v2`.
  if (/^[a-z]+(?:[-_.:](?:[a-z]+|\d{1,4}))*$/.test(v)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(v) || /^[a-z]+(?:[^A-Za-z0-9\s]+[a-z]+)*[^A-Za-z0-9\s]*$/.test(v) || /^[a-z]+(?:[A-Z][a-z]+)+$/.test(v)) return false;
  if (isNonSecretShape(v)) return false;
  // Sequences: 12345678, abcdefgh.
  if (isSequential(v)) return false;
  // Measured randomness: at least 3 bits a character, and a mix of character classes that grows as
  // the value gets shorter (a 9-character value needs lower, upper and digits or symbols; a
  // 40-character hex string needs only its two).
  const entropy = shannonEntropy(v);
  if (entropy < 3) return false;
  const mix = characterClasses(v);
  if (v.length >= 20) return mix >= 2;
  if (v.length >= 12) return mix >= 3 || (mix >= 2 && entropy >= 3.3);
  return mix >= 3;
}

function isSequential(v: string): boolean {
  let up = true;
  for (let i = 1; i < v.length; i++) if (v.charCodeAt(i) !== v.charCodeAt(i - 1) + 1) up = false;
  return up;
}

/** A documentation sample or a filler value in a token's shape (`AKIAIOSFODNN7EXAMPLE`, `ghp_xxxx...`). */
function isSampleToken(value: string): boolean {
  if (/EXAMPLE|XXXX|xxxx|0000000000/.test(value) || PUBLISHED_SAMPLES.has(value)) return true;
  // A format's prefix before words, not random characters: `xoxb-test-token-secret`, `sk_live_not_a_real_key`.
  const rest = /^[A-Za-z0-9]{2,12}[-_.](.+)$/.exec(value)?.[1];
  return rest !== undefined && /[-_.]/.test(rest) && isWordLike(rest);
}

let formatKeywords: KeywordIndex<Format> | undefined;
/** Every format's keywords in one index: a text is read once for all of them, not once per keyword. */
const FORMAT_KEYWORDS = (): KeywordIndex<Format> => (formatKeywords ??= new KeywordIndex(KNOWN_FORMATS.flatMap((f) => f.keywords.map((k) => [k, f] as const))));

const NO_FORMATS: readonly Format[] = [];

/** Known token formats and URL passwords anywhere in `text`. */
export function findKnownSecrets(text: string): SecretMatch[] {
  const out: SecretMatch[] = [];
  if (text.length < 8) return out;
  const keywords = FORMAT_KEYWORDS();
  const present = keywords.occursIn(text) ? keywords.collect(text) : undefined;
  for (const f of present ? KNOWN_FORMATS : NO_FORMATS) {
    if (!present!.has(f)) continue;
    f.pattern.lastIndex = 0;
    for (let m = f.pattern.exec(text); m; m = f.pattern.exec(text)) {
      const value = m[f.group ?? 0]!;
      // A token that fails its format's checksum still looks like one (redaction hides it), but it
      // was never issued: it is not reported as a live credential.
      if (isSampleToken(value)) continue;
      const checksum = hasTokenChecksum(value) ? !failsTokenChecksum(value) : undefined;
      out.push({ label: f.label, detector: f.id, value, index: m.index, live: f.live && checksum !== false, ...(checksum ? { verified: true } : {}) });
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
 * random-looking values count there. `secretField` says the caller knows from the context that the
 * name holds a credential although the name alone does not say it (`key` beside `user`).
 */
/** `knownChecked`: the caller found no reportable known-format secret in this same value already. */
export function detectNamedSecret(name: string | undefined, value: string, options: { inTest?: boolean; secretField?: boolean; knownChecked?: boolean } = {}): SecretMatch | null {
  // A Google API key is made for browsers (restricted by referrer, not kept secret): in a variable a
  // front-end framework publishes (requestly's VITE_REACT_APP_FIREBASE_API_KEY) it is the bundle's own
  // key, not a leak. Any other format there (a Stripe secret key) is still reported.
  const known = options.knownChecked ? undefined : findReportableSecrets(value).find((m) => !(m.detector === 'google-api-key' && name !== undefined && isPublishedVariable(name)));
  if (known) return known;
  if (name === undefined || !(options.secretField || isSecretName(name))) return null;
  if (!looksLikeSecretValue(value)) return null;
  if (options.inTest && (value.length < 16 || shannonEntropy(value) < 3.5)) return null;
  const words = secretNameWords(name);
  return { label: words.slice(-2).join(' ') || 'credential', detector: 'named', value, index: 0, live: false };
}

/**
 * The default of a shell or compose interpolation that is the whole value: `${DB_PASSWORD:-s3cr3t}`
 * and `${DB_PASSWORD-s3cr3t}` give `{ name: 'DB_PASSWORD', value: 's3cr3t' }`; the default is what
 * runs wherever the variable is not set, so it is as committed as a literal.
 */
export function interpolationDefault(text: string): { name: string; value: string; offset: number } | null {
  const m = /^\s*\$\{([A-Za-z_][A-Za-z0-9_]{0,200}):?-([^}$]{1,4096})\}\s*$/.exec(text);
  if (!m) return null;
  return { name: m[1]!, value: m[2]!, offset: text.indexOf(m[2]!, m[0].indexOf('-')) };
}

/**
 * `--requirepass s3cr3t`, `--password=s3cr3t`, `"--api-key", "s3cr3t"` (an exec-form array as text):
 * a command-line flag with a secret-like name and a literal value.
 */
const SECRET_FLAG = /(?:^|[\s'"[,])--([A-Za-z][A-Za-z0-9_-]{0,40})(?:=|[ \t]{1,8}|['"][ \t]{0,8},[ \t]{0,8})(['"]?)([^\s'"\],;]{1,256})/g;
const FLAG_NAMES = /^(requirepass|masterauth)$/i;

export function isSecretFlag(flag: string): boolean {
  return FLAG_NAMES.test(flag) || isSecretName(flag);
}

export function findFlagSecrets(text: string, options: { inTest?: boolean } = {}): Array<SecretMatch & { name: string }> {
  const out: Array<SecretMatch & { name: string }> = [];
  if (!text.includes('--')) return out;
  SECRET_FLAG.lastIndex = 0;
  for (let m = SECRET_FLAG.exec(text); m; m = SECRET_FLAG.exec(text)) {
    const flag = m[1]!;
    const value = m[3]!;
    if (!isSecretFlag(flag) || value.startsWith('$') || value.startsWith('-')) continue;
    const found = detectNamedSecret(flag, value, { ...options, secretField: true });
    if (!found || found.detector !== 'named') continue;
    out.push({ ...found, label: `--${flag} value`, index: m.index + m[0].length - value.length, name: `--${flag}` });
  }
  return out;
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

const TEXT_FORMAT_KEYWORDS = new KeywordIndex(TEXT_FORMATS.flatMap((f) => f.keywords.map((k) => [k, f] as const)));

/**
 * `text` with every known-format token replaced by its redact() form (`ghp_… (40 chars)`), the rest
 * untouched. Deterministic (the same path always gives the same text, so baselines still match) and
 * idempotent (a redacted token no longer matches its format).
 */
export function redactKnownTokens(text: string): string {
  if (text.length < 16) return text;
  // One pass for the keywords of every format (a report redacts every finding's texts); a format
  // none of whose keywords is in the text cannot match it, and a replacement adds no keyword.
  const present = TEXT_FORMAT_KEYWORDS.collect(text);
  if (present.size === 0) return text;
  let out = text;
  for (const f of TEXT_FORMATS) {
    if (!present.has(f)) continue;
    f.pattern.lastIndex = 0;
    out = out.replace(f.pattern, (value) => (isSampleToken(value) ? value : redact(value)));
  }
  return out;
}

/** Does `text` hold a known-format token that redactKnownTokens() would redact (a path, a cache key)? */
export function holdsKnownToken(text: string): boolean {
  return redactKnownTokens(text) !== text;
}
