// A labelled benchmark for config/hardcoded-secret: positives are real-format credentials generated
// at test time (tokens.ts) and random values bound to secret names, written the ways code and config
// really write them; negatives are the hard cases that make generic scanners noisy: hashes, UUIDs,
// placeholders, base64 images, integrity hashes, header names, env var names, i18n strings, URLs
// without credentials, published sample keys. Each sample is one line in a file of its kind, so
// that a finding maps back to exactly one sample.

import { tokenFactory } from './tokens.js';

export type Context = 'ts-const' | 'ts-property' | 'env' | 'yaml' | 'json' | 'dockerfile-env' | 'compose-env' | 'k8s-env' | 'ts-raw' | 'yaml-raw';

export interface Sample {
  label: 'secret' | 'benign';
  /** What the sample stands for, for the failure list. */
  what: string;
  context: Context;
  name: string;
  value: string;
  /**
   * Raw contexts (`ts-raw`, `yaml-raw`): the source text, `@V` standing for the value and `@K` for a
   * unique key; it may span lines, and `at` is the line (from 0) where the finding belongs.
   */
  code?: string;
  at?: number;
}

const HEX = '0123456789abcdef';

export function buildBenchmark(seed = 0xbe7c4): Sample[] {
  const t = tokenFactory(seed);
  const samples: Sample[] = [];
  const secret = (what: string, context: Context, name: string, value: string) => samples.push({ label: 'secret', what, context, name, value });
  const benign = (what: string, context: Context, name: string, value: string) => samples.push({ label: 'benign', what, context, name, value });
  const contexts: Context[] = ['ts-const', 'ts-property', 'env', 'yaml', 'json', 'dockerfile-env', 'compose-env', 'k8s-env'];

  // ---- Positives -------------------------------------------------------------------------------
  // Every known format, in two contexts each, under neutral and secret-like names.
  for (const [i, format] of Object.keys(t.byFormat).entries()) {
    if (format === 'private-key') continue; // multi-line: covered by the redaction test
    for (const ctx of [contexts[i % contexts.length]!, contexts[(i + 3) % contexts.length]!]) {
      const s = t.byFormat[format]!();
      secret(format, ctx, i % 2 === 0 ? 'value' : 'SERVICE_TOKEN', s.value);
    }
  }
  // Random secrets bound to secret names, in every context.
  const names = ['password', 'DB_PASSWORD', 'apiKey', 'API_KEY', 'clientSecret', 'CLIENT_SECRET', 'jwtSecret', 'SESSION_SECRET', 'accessToken', 'AUTH_TOKEN', 'privateKey', 'SIGNING_KEY', 'encryptionKey', 'secret_key', 'db_passwd', 'smtpPassword', 'webhookSecret', 'REFRESH_TOKEN', 'passphrase', 'masterKey'];
  names.forEach((name, i) => {
    const ctx = contexts[i % contexts.length]!;
    const shapes = [t.named(24).value, t.mixed(HEX, 40), Buffer.from(t.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 32)).toString('base64'), `${t.mixed('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 12)}!${t.pick('0123456789', 2)}`];
    secret(`random value for ${name}`, ctx, name, shapes[i % shapes.length]!);
  });
  // Numbered names and long passwords with symbols.
  secret('numbered env name', 'env', 'DB_PASSWORD_2', t.named(20).value);
  secret('numbered property', 'ts-property', 'apiKey2', t.named(32).value);
  secret('password with symbols', 'yaml', 'password', `${t.mixed('abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ', 8)}#${t.pick('0123456789', 3)}$`);
  // Credentials in URLs.
  for (const ctx of ['env', 'ts-const', 'compose-env', 'yaml'] as const) secret('password in a database URL', ctx, 'DATABASE_URL', t.urlPassword().value);
  secret('password in a redis URL', 'k8s-env', 'REDIS_URL', `redis://default:${t.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 24)}@cache.internal:6379`);
  secret('password in an amqp URL', 'json', 'brokerUrl', `amqps://svc:${t.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 20)}@mq.internal/vhost`);

  // Authorization header values under names that are not secret-like.
  secret('bearer token in a header object', 'ts-property', 'Authorization', `Bearer ${t.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 32)}`);
  secret('basic credentials in a header', 'yaml', 'authorization', `Basic ${Buffer.from(`deploy:${t.named(16).value}`).toString('base64')}`);
  secret('bearer token in an env header', 'env', 'EXTRA_HEADER', `Authorization: Bearer ${t.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 40)}`);

  // ---- Negatives -------------------------------------------------------------------------------
  const gitSha = t.mixed(HEX, 40);
  const uuid = `${t.mixed(HEX, 8)}-${t.mixed(HEX, 4)}-4${t.mixed(HEX, 3)}-a${t.mixed(HEX, 3)}-${t.mixed(HEX, 12)}`;
  const sha512 = Buffer.from(t.mixed(HEX, 64), 'hex').toString('base64') + Buffer.from(t.mixed(HEX, 64), 'hex').toString('base64');
  // Hashes, ids and checksums under their own names.
  benign('git commit sha', 'ts-const', 'commitSha', gitSha);
  benign('git commit sha in env', 'env', 'GIT_SHA', gitSha);
  benign('UUID request id', 'ts-property', 'requestId', uuid);
  benign('UUID tenant id', 'yaml', 'tenantId', uuid);
  benign('UUID client id', 'env', 'OAUTH_CLIENT_ID', uuid);
  benign('md5 checksum', 'json', 'checksum', t.mixed(HEX, 32));
  benign('password hash (bcrypt) under a hash name', 'ts-const', 'passwordHash', `$2b$12$${t.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./', 53)}`);
  benign('sha256 of a token under a hash name', 'ts-property', 'tokenHash', t.mixed(HEX, 64));
  benign('subresource integrity', 'json', 'integrity', `sha512-${sha512}`);
  benign('subresource integrity in TS', 'ts-property', 'integrity', `sha384-${Buffer.from(t.mixed(HEX, 96), 'hex').toString('base64')}`);
  benign('image digest', 'yaml', 'image', `node@sha256:${t.mixed(HEX, 64)}`);
  benign('mongo object id', 'ts-property', 'userId', t.mixed(HEX, 24));
  benign('build id', 'env', 'BUILD_ID', t.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 12));
  benign('AWS secret ARN', 'yaml', 'secretArn', `arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-${t.mixed('abcdefABCDEF', 6)}`);
  benign('hex colour', 'ts-property', 'primaryColor', '#1f6feb');
  // Placeholders.
  const placeholders: Array<[string, string, Context]> = [
    ['password', 'changeme', 'yaml'],
    ['API_KEY', 'your-api-key-here', 'env'],
    ['token', '<TOKEN>', 'json'],
    ['secret', '${SECRET}', 'yaml'],
    ['DB_PASSWORD', '${DB_PASSWORD}', 'compose-env'],
    ['password', '********', 'ts-property'],
    ['apiKey', 'xxxxxxxxxxxxxxxxxxxxxxxx', 'ts-const'],
    ['CLIENT_SECRET', 'REPLACE_ME', 'env'],
    ['jwtSecret', '{{ .Values.jwtSecret }}', 'k8s-env'],
    ['password', 'password', 'json'],
    ['SESSION_SECRET', 'dev-secret', 'dockerfile-env'],
    ['accessToken', 'TODO', 'ts-property'],
    ['AUTH_TOKEN', '', 'env'],
    ['githubToken', `${['gh', 'p_'].join('')}${'x'.repeat(36)}`, 'ts-const'],
    ['stripeKey', `${['sk', '_live_'].join('')}${'0'.repeat(24)}`, 'ts-const'],
    ['password', 'p@ssw0rd', 'yaml'],
    ['secret', 's3cr3t', 'env'],
    ['API_TOKEN', '$(cat /run/secrets/api_token)', 'dockerfile-env'],
    ['apiKey', 'sample-key-12345', 'json'],
    ['DB_PASSWORD', 'postgres', 'compose-env'],
  ];
  for (const [name, value, ctx] of placeholders) benign(`placeholder ${JSON.stringify(value)}`, ctx, name, value);
  // Published sample credentials (provider documentation).
  benign('AWS documentation access key', 'env', 'AWS_ACCESS_KEY_ID', ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''));
  benign('AWS documentation secret key', 'env', 'AWS_SECRET_ACCESS_KEY', ['wJalrXUtnFEMI', '/K7MDENG/bPxRfiCY', 'EXAMPLEKEY'].join(''));
  benign('AWS documentation key in TS', 'ts-property', 'accessKeyId', ['AKIA', 'I44QH8DHB', 'EXAMPLE'].join(''));
  benign('jwt.io sample token', 'ts-const', 'sampleJwt', ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].join('.'));
  benign('Stripe documentation test key', 'ts-property', 'stripeKey', ['sk', '_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join(''));
  // Base64 images and other long encoded blobs under ordinary names.
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(t.mixed(HEX, 120), 'hex')]).toString('base64');
  benign('base64 PNG data URI', 'ts-property', 'logo', `data:image/png;base64,${png}`);
  benign('base64 PNG data URI in JSON', 'json', 'icon', `data:image/png;base64,${png}`);
  benign('base64 font', 'yaml', 'font', `data:font/woff2;base64,${Buffer.from(t.mixed(HEX, 90), 'hex').toString('base64')}`);
  // Header names, env var names, key names, paths and URLs under secret names.
  const named: Array<[string, string, Context, string]> = [
    ['API_KEY_HEADER', 'x-api-key', 'ts-const', 'header name'],
    ['token', 'x-auth-token', 'ts-property', 'header name as value'],
    ['authHeader', 'Authorization', 'ts-property', 'header name'],
    ['apiKey', 'X-Api-Key', 'json', 'header name in config'],
    ['passwordEnv', 'DB_PASSWORD', 'ts-property', 'env var name'],
    ['API_KEY', 'STRIPE_API_KEY', 'ts-const', 'env var name as value'],
    ['secretName', 'db-credentials', 'yaml', 'Kubernetes Secret name'],
    ['password', 'db-password', 'yaml', 'secret key name'],
    ['secret', 'app-secrets', 'k8s-env', 'secret name'],
    ['privateKey', './certs/server.key', 'ts-property', 'key path'],
    ['PASSWORD_FILE', '/run/secrets/db_password', 'dockerfile-env', 'secret file path'],
    ['token', '/api/v1/auth/token', 'json', 'route'],
    ['TOKEN_URL', 'https://oauth2.googleapis.com/token', 'env', 'URL without credentials'],
    ['DATABASE_URL', 'postgres://localhost:5432/app', 'env', 'database URL without credentials'],
    ['REDIS_URL', 'redis://cache:6379/0', 'compose-env', 'redis URL without credentials'],
    ['tokenEndpoint', 'https://login.example.com/oauth/token?grant_type=client_credentials', 'ts-property', 'URL with query'],
    ['apiKey', 'https://api.example.com/v2/keys', 'yaml', 'URL under a key name'],
    ['password', 'Mot de passe', 'json', 'i18n string'],
    ['password', 'Passwort vergessen?', 'yaml', 'i18n string'],
    ['token_expired', 'Your session token has expired', 'json', 'i18n string'],
    ['secret', 'Secret', 'ts-property', 'label'],
    ['passwordLabel', 'Enter your password', 'ts-property', 'label'],
    ['apiKey', 'Production key', 'yaml', 'key description'],
    ['tokenType', 'Bearer', 'ts-property', 'token type'],
    ['PASSWORD_REGEX', '^(?=.*[A-Z])(?=.*\\d)(?=.*[!@#$%^&*]).{12,}$', 'ts-const', 'password policy regex'],
    ['passwordPolicy', 'min:12|upper|digit|symbol', 'yaml', 'password policy'],
    ['signingKey', 'RS256', 'yaml', 'algorithm name'],
    ['encryptionKey', 'aes-256-gcm', 'ts-property', 'cipher name'],
    ['accessKey', 'read-only', 'yaml', 'access level'],
    ['apiKey', 'api_key', 'ts-property', 'parameter name'],
    ['password', 'user.password', 'ts-property', 'field path'],
    ['secretKeyRef', 'db-secret', 'k8s-env', 'k8s ref name'],
    ['token', 'ghp_', 'ts-property', 'token prefix alone'],
    ['apiKey', 'process.env.API_KEY', 'json', 'env reference as text'],
    ['sessionSecret', 'keyboard cat', 'ts-property', 'express-session docs example'],
    ['Authorization', 'Bearer <token>', 'ts-property', 'header template'],
    ['Authorization', 'Bearer ', 'ts-property', 'header prefix'],
    ['authScheme', 'Basic realm="api"', 'yaml', 'WWW-Authenticate value'],
    ['hint', 'Token authentication required', 'json', 'message mentioning Token'],
  ];
  for (const [name, value, ctx, what] of named) benign(`${what}: ${JSON.stringify(value)}`, ctx, name, value);
  // Random-looking values under names that are not secrets.
  benign('random id under a non-secret name', 'ts-property', 'trackingId', t.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 24));
  benign('cache-busting hash in a file name', 'json', 'bundle', `main.${t.mixed(HEX, 20)}.js`);
  benign('random nonce name', 'yaml', 'nonce', t.mixed('abcdefghijklmnopqrstuvwxyz0123456789', 16));
  benign('CSS module class', 'ts-property', 'className', `Button_primary__${t.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 5)}`);

  // ---- Shapes of real code (issue 13): values the name-bound detector must follow ----------------
  const raw = (label: 'secret' | 'benign', what: string, context: 'ts-raw' | 'yaml-raw', code: string, value = '', at = 0) =>
    samples.push({ label, what, context, name: '', value, code, at });
  const v = () => t.named(20, 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789').value;
  const split = (value: string, n: number) => Array.from({ length: n }, (_, i) => value.slice(Math.floor((i * value.length) / n), Math.floor(((i + 1) * value.length) / n)));
  raw('secret', 'array element under a secret name', 'ts-raw', "{ const signingKeys = ['@V']; void signingKeys; }", v());
  raw('secret', 'Buffer.from argument', 'ts-raw', "{ const hmacSecret = Buffer.from('@V', 'utf8'); void hmacSecret; }", v());
  raw('secret', 'TextEncoder argument', 'ts-raw', "{ const jwtKey = new TextEncoder().encode('@V'); void jwtKey; }", v());
  {
    const value = v();
    const [a, b] = split(value, 2);
    raw('secret', 'concatenated pieces', 'ts-raw', `{ const sessionSecret = '${a}' + '${b}'; void sessionSecret; }`, value);
  }
  {
    const value = v();
    raw('secret', 'joined array', 'ts-raw', `{ const apiToken = [${split(value, 3).map((p) => `'${p}'`).join(', ')}].join(''); void apiToken; }`, value);
  }
  {
    const value = v();
    const [a, b, c] = split(value, 3);
    raw('secret', 'template with literal parts', 'ts-raw', `{ const clientSecret = \`${a}\${'${b}'}${c}\`; void clientSecret; }`, value);
  }
  raw('secret', 'as const', 'ts-raw', "export const cfg@K = { webhookSecret: '@V' as const };", v());
  raw('secret', 'satisfies', 'ts-raw', "export const cfg@K = { dbPassword: '@V' } satisfies Record<string, string>;", v());
  raw('secret', 'name ending in _PASS', 'ts-raw', "{ const SMTP_PASS = '@V'; void SMTP_PASS; }", v());
  raw('secret', 'name ending in Pass', 'ts-raw', "export const mail@K = { auth: { user: 'mailer', pass: '@V' } };", v());
  raw('secret', 'name ending in PWD', 'ts-raw', "{ const MYSQL_ROOT_PWD = '@V'; void MYSQL_ROOT_PWD; }", v());
  raw('secret', 'bare key in a credentials object', 'ts-raw', "export const storage@K = { user: 'backup', key: '@V' };", v());
  raw('secret', 'envalid default', 'ts-raw', "export const env@K = cleanEnv(process.env, { JWT_SECRET: str({ default: '@V' }) });", v());
  raw('secret', 'convict default', 'ts-raw', "export const conf@K = convict({ cookie: { format: String, default: '@V', env: 'COOKIE_SECRET' } });", v());
  raw('secret', 'zod default', 'ts-raw', "export const Env@K = z.object({ API_KEY: z.string().default('@V') });", v());
  raw('secret', 'jwt.sign secret argument', 'ts-raw', "export const signed@K = jwt.sign({ sub: 'svc' }, '@V');", v());
  raw('secret', 'createHmac key argument', 'ts-raw', "export const mac@K = createHmac('sha256', '@V');", v());
  raw('secret', 'setApiKey argument', 'ts-raw', "sgMail.setApiKey('@V');", v());
  raw('secret', '--requirepass in an argument list', 'ts-raw', "spawn('redis-server', ['--requirepass', '@V']);", v());
  raw('secret', 'fallback after ??', 'ts-raw', "export const secret@K = (o: { s?: string }) => { const jwtSecret = o.s ?? '@V'; return jwtSecret; };", v());
  raw('secret', 'YAML literal block scalar', 'yaml-raw', '@K:\n  password: |\n    @V', v(), 2);
  raw('secret', 'YAML folded block scalar', 'yaml-raw', '@K:\n  client_secret: >-\n    @V', v(), 2);
  raw('secret', '--requirepass in a command string', 'yaml-raw', '@K:\n  command: redis-server --requirepass @V --appendonly yes', v(), 1);
  raw('secret', 'interpolation default', 'yaml-raw', '@K:\n  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-@V}', v(), 1);
  raw('secret', 'known token under a name that is not secret-like', 'yaml-raw', '@K:\n  GH_PAT: @V', t.byFormat['github-token']!().value, 1);
  raw('secret', 'AWS key id under its own name', 'yaml-raw', '@K:\n  AWS_ACCESS_KEY_ID: @V', t.byFormat['aws-access-key-id']!().value, 1);
  raw('secret', 'Anthropic key in a client constructor', 'ts-raw', "export const claude@K = new Anthropic({ apiKey: '@V' });", t.byFormat['anthropic-key']!().value);

  // Text that is not a secret under secret-like names (issue 13, class 1).
  const notSecret: Array<[string, 'ts-raw' | 'yaml-raw', string]> = [
    ['Chinese sentence in a translation file', 'yaml-raw', '@K:\n  password_expiration_not_enabled: 密码过期策略未启用'],
    ['Chinese label', 'yaml-raw', '@K:\n  reset_password_token_invalid: 重置密码的令牌无效或已过期'],
    ['Russian word joined by underscores', 'yaml-raw', '@K:\n  passwordTooShort: Пароль_слишком_короткий'],
    ['Spanish sentence', 'ts-raw', "export const es@K = { password_expiration_not_enabled: 'La caducidad de la contraseña no está habilitada' };"],
    ['Spanish one-word label', 'ts-raw', "export const es@K = { password: 'Contraseña' };"],
    ['German label', 'yaml-raw', '@K:\n  passwort_vergessen: Passwort_vergessen?'],
    ['CSS custom property under token', 'ts-raw', "export const color@K = { token: '--color-run-pending' };"],
    ['CSS var() under token', 'ts-raw', "export const color@K = { token: 'var(--color-run-failed)' };"],
    ['i18n key', 'ts-raw', "export const msg@K = { passwordReset: 'auth.password.reset' };"],
    ['i18n key with camel case', 'ts-raw', "export const msg@K = { apiToken: 'settings.apiTokens.createdOn' };"],
    ['enum member', 'ts-raw', "export enum Kind@K { AccessToken = 'ACCESS_TOKEN', ApiKey = 'PersonalApiKey' }"],
    ['header name', 'ts-raw', "export const AUTH_TOKEN_@K = 'X-Auth-Token';"],
    ['route with a parameter', 'ts-raw', "export const routes@K = { resetPassword: '/auth/reset-password/:token' };"],
    ['relative route with a parameter', 'ts-raw', "export const routes@K = { token: 'oauth2/token/:grantType' };"],
    ['route with a placeholder', 'ts-raw', "export const routes@K = { apiKeys: 'settings/api-keys/{keyId}' };"],
    ['MIME type', 'ts-raw', "export const mime@K = { apiKey: 'application/vnd.shop.api-key+json' };"],
    ['component name', 'ts-raw', "export const form@K = { password: 'PasswordStrengthInput' };"],
    ['Helm template', 'yaml-raw', "@K:\n  password: '{{ .Values.db.password }}'"],
    ['build-time marker', 'ts-raw', "export const cfg@K = { apiKey: '__API_KEY__' };"],
    ['replace-me placeholder', 'ts-raw', "export const cfg@K = { webhookSecret: 'replace-me-with-a-32-char-secret' };"],
    ['your-...-here placeholder', 'yaml-raw', '@K:\n  STRIPE_SECRET_KEY: your-stripe-secret-key-here'],
    ['word-like default password', 'ts-raw', "export const seed@K = { adminPassword: 'Welcome2024' };"],
    ['e-mail under auth', 'ts-raw', "export const mail@K = { auth: 'noreply@shop.example' };"],
    ['printf placeholder', 'ts-raw', "export const fmt@K = { token: 'Bearer %s' };"],
    ['file name', 'yaml-raw', '@K:\n  private_key: service-account.prod.json'],
    ['schema default status', 'yaml-raw', '@K:\n  token:\n    type: string\n    default: pending_verification'],
    ['interpolation without default', 'yaml-raw', '@K:\n  POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it}'],
    ['flag with a variable', 'yaml-raw', '@K:\n  command: redis-server --requirepass ${REDIS_PASSWORD}'],
    ['key beside a label', 'ts-raw', "export const col@K = { label: 'Created', key: 'createdAtTimestamp2' };"],
  ];
  for (const [what, context, code] of notSecret) raw('benign', what, context, code);
  return samples;
}
