// Values a generic secret scanner flags wrongly: placeholders, env reads, names of things,
// hashes bound to non-secret names, documentation sample keys, URLs without credentials.
export const config = {
  password: 'changeme',
  token: process.env.API_TOKEN,
  apiKey: '<your-api-key>',
  secret: '${SESSION_SECRET}',
  apiKeyHeader: 'x-api-key',
  tokenType: 'Bearer',
  passwordField: 'password',
  secretEnvVar: 'DB_PASSWORD',
  integrity: 'sha512-9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  checksum: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  requestId: '3f1c9a4e-8b2d-4c6f-9e7a-1d5b3c8f2a6e',
  awsSample: 'AKIAIOSFODNN7EXAMPLE',
  passwordLabel: 'Enter your password',
  privateKey: './keys/private.pem',
  databaseUrl: 'postgres://db:5432/shop',
  templateUrl: `postgres://app:${process.env.DB_PASSWORD}@db:5432/shop`,
  resetPasswordPath: '/account/reset-password',
  jwtSecret: 'your-jwt-secret-here',
  // Test-data shapes seen in real repositories: a bcrypt hash, tokens that say what they are.
  password2: '$2y$10$ux4O8y0CCilFQ5JS66namekb9Hbr1AN7kwEDn2ej6e6AYw3BPqAVa',
  resetToken: 'resettoken123',
  badToken: 'not!valid!hex',
  confirmPassword: 'DifferentPass1',
};

type Kind = 'password' | 'token';
export const kind: Kind = 'token';

// A form's hint for where the key goes: a PEM header around a placeholder, no key.
export const privateKeyField = {
  placeholder: '-----BEGIN RSA PRIVATE KEY-----\n[private-key-content]\n-----END RSA PRIVATE KEY-----',
  example: `-----BEGIN PRIVATE KEY-----
...
-----END PRIVATE KEY-----`,
};

// A validator that checks a pasted key's markers, and a sample cut to the first line every PKCS#8
// RSA key starts with: headers around no key.
export const isPem = (value: string) => value.startsWith('-----BEGIN RSA PRIVATE KEY-----') && value.endsWith('-----END RSA PRIVATE KEY-----');
export const sampleKey = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PRIVATE KEY-----';

// A helper that puts PEM markers back around a key it is given: the body is the interpolated
// argument, so the file holds markers and no key.
export const toPem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;
export const toPkcs8 = (body: string) => `-----BEGIN PRIVATE KEY-----\n${body.replace(/\s+/g, '')}\n-----END PRIVATE KEY-----`;

// A form's sample text made by pasting a certificate under a private-key header: a certificate's
// body (its DER opens with the X.509 version field) is public, and no key.
export const privateKeyDataHolder =
  '-----BEGIN PRIVATE KEY-----\nMIIFRDCCAyygAwIBAgIUEPOR47ys6VDwMVB9tYoeEka83uQwDQYJKoZIhvcNAQELBQAwGTEXMBUGA1UEAwwObWktZG9taW5p\n-----END PRIVATE KEY-----';

// A form's hint written as pieces of one JSON sample: the key field holds a header around words.
export const serviceAccountHint =
  '{\n' +
  '  "type": "service_account",\n' +
  '  "private_key": "-----BEGIN PRIVATE KEY-----\n' +
  'PASTE THE KEY OF YOUR ACCOUNT HERE\n' +
  '-----END PRIVATE KEY-----",\n' +
  '}';

// A sample in a description, cut to its first line and a dot: no key is written that way.
export const apnKeyHelp = 'For example, -----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEAq3Lr7Vd9WcN2pXb5ZtG8hK4mJs1YfQ6uR0aEo3iTnB7vC2xD9wLk.\n-----END RSA PRIVATE KEY-----';
