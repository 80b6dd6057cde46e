// Live-looking credentials of every format the detector knows, built at test time from parts and a
// seeded random generator, so that the repository never holds a whole token (GitHub push protection,
// secret scanners of people who clone it) and a failing case reproduces.

import { KNOWN_FORMATS, tokenChecksum } from '../../src/secrets/detect.js';
import { seededRandom } from '../hostile/helpers.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALNUM = UPPER + LOWER + DIGITS;
const HEX_LOWER = '0123456789abcdef';

export interface PlantedSecret {
  /** Detector id (a KNOWN_FORMATS id, `url-password` or `named`). */
  format: string;
  /** The whole credential as it is written in the file. */
  value: string;
  /** The random part: no 8-character window of it may appear in any output. */
  secretPart: string;
}

export function tokenFactory(seed: number) {
  const rand = seededRandom(seed);
  const pick = (alphabet: string, n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    // At least one digit and one upper and one lower letter where the alphabet allows: real tokens
    // are mixed, and a run of one class would read as a placeholder.
    return s;
  };
  const mixed = (alphabet: string, n: number) => {
    for (;;) {
      const s = pick(alphabet, n);
      const classes = [/[A-Z]/, /[a-z]/, /[0-9]/].filter((r) => r.test(alphabet) && !r.test(s));
      if (classes.length === 0 && !/EXAMPLE|XXXX|xxxx|0000/.test(s)) return s;
    }
  };
  const b64url = ALNUM + '-_';
  const make = (format: string, prefix: string, body: string, suffix = ''): PlantedSecret => ({ format, value: prefix + body + suffix, secretPart: body });

  /** One generator per KNOWN_FORMATS id; the test checks that none is missing. */
  const byFormat: Record<string, () => PlantedSecret> = {
    'aws-access-key-id': () => make('aws-access-key-id', ['AK', 'IA'].join(''), mixed(UPPER + DIGITS, 16)),
    // GitHub's and npm's tokens end in a checksum of their random part: planted ones carry a valid one.
    'github-token': () => {
      const random = mixed(ALNUM, 30);
      return make('github-token', ['gh', 'p_'].join(''), random + tokenChecksum(random));
    },
    'github-fine-grained-token': () => {
      const a = mixed(ALNUM, 22);
      const b = mixed(ALNUM, 59);
      return { format: 'github-fine-grained-token', value: `${['github', '_pat_'].join('')}${a}_${b}`, secretPart: `${a}_${b}` };
    },
    'gitlab-token': () => make('gitlab-token', ['glp', 'at-'].join(''), mixed(ALNUM, 20)),
    'slack-token': () => {
      const body = `${pick(DIGITS, 12)}-${pick(DIGITS, 13)}-${mixed(ALNUM, 24)}`;
      return make('slack-token', ['xo', 'xb-'].join(''), body);
    },
    'slack-webhook': () => {
      const secret = mixed(ALNUM, 24);
      return { format: 'slack-webhook', value: `${['https://hooks.', 'slack.com/services/'].join('')}T${mixed(UPPER + DIGITS, 8)}/B${mixed(UPPER + DIGITS, 10)}/${secret}`, secretPart: secret };
    },
    'stripe-live-key': () => make('stripe-live-key', ['sk', '_live_'].join(''), mixed(ALNUM, 24)),
    'stripe-test-key': () => make('stripe-test-key', ['sk', '_test_'].join(''), mixed(ALNUM, 24)),
    'google-api-key': () => make('google-api-key', ['AI', 'za'].join(''), mixed(b64url, 35)),
    'npm-token': () => {
      const random = mixed(ALNUM, 30);
      return make('npm-token', ['np', 'm_'].join(''), random + tokenChecksum(random));
    },
    'sendgrid-key': () => {
      const a = mixed(b64url, 22);
      const b = mixed(b64url, 43);
      return { format: 'sendgrid-key', value: `${['S', 'G.'].join('')}${a}.${b}`, secretPart: `${a}.${b}` };
    },
    'openai-key': () => {
      const a = mixed(b64url, 40);
      const b = mixed(b64url, 40);
      return { format: 'openai-key', value: `${['sk-', 'proj-'].join('')}${a}${['T3Blbk', 'FJ'].join('')}${b}`, secretPart: a + b };
    },
    'private-key': () => {
      const body = Array.from({ length: 6 }, () => mixed(ALNUM + '+/', 64)).join('\n');
      const kind = ['RSA PRIV', 'ATE KEY'].join('');
      return { format: 'private-key', value: `-----BEGIN ${kind}-----\n${body}\n-----END ${kind}-----`, secretPart: body.replace(/\n/g, '') };
    },
    'stripe-webhook-secret': () => make('stripe-webhook-secret', ['wh', 'sec_'].join(''), mixed(ALNUM, 32)),
    'anthropic-key': () => make('anthropic-key', ['sk-', 'ant-', 'api03-'].join(''), mixed(b64url, 93), 'AA'),
    'twilio-api-key': () => make('twilio-api-key', ['S', 'K'].join(''), mixed(HEX_LOWER, 32)),
    'mailgun-key': () => make('mailgun-key', ['ke', 'y-'].join(''), mixed(HEX_LOWER, 32)),
    'mailchimp-key': () => make('mailchimp-key', '', mixed(HEX_LOWER, 32), ['-u', 's21'].join('')),
    'shopify-token': () => make('shopify-token', ['shp', 'at_'].join(''), mixed(HEX_LOWER, 32)),
    'square-token': () => make('square-token', ['sq0', 'atp-'].join(''), mixed(b64url, 22)),
    'digitalocean-token': () => make('digitalocean-token', ['do', 'p_v1_'].join(''), mixed(HEX_LOWER, 64)),
    'heroku-api-key': () => make('heroku-api-key', ['HR', 'KU-AA'].join(''), mixed(b64url, 58)),
    'huggingface-token': () => make('huggingface-token', ['h', 'f_'].join(''), mixed(UPPER + LOWER, 34)),
    'databricks-token': () => make('databricks-token', ['da', 'pi'].join(''), mixed(HEX_LOWER, 32)),
    'discord-webhook': () => {
      const secret = mixed(b64url, 68);
      return { format: 'discord-webhook', value: `${['https://disc', 'ord.com/api/webhooks/'].join('')}${pick('123456789', 1)}${pick(DIGITS, 17)}/${secret}`, secretPart: secret };
    },
    'telegram-bot-token': () => {
      const secret = mixed(b64url, 33);
      return { format: 'telegram-bot-token', value: `${pick('123456789', 1)}${pick(DIGITS, 9)}:${['A', 'A'].join('')}${secret}`, secretPart: secret };
    },
    'azure-storage-key': () => {
      const secret = mixed(ALNUM + '+/', 86);
      return { format: 'azure-storage-key', value: `${['Account', 'Key='].join('')}${secret}==`, secretPart: secret };
    },
    'pypi-token': () => make('pypi-token', ['pypi-', 'AgEIcHlwaS5vcmc'].join(''), mixed(b64url, 60)),
    'doppler-token': () => make('doppler-token', ['dp', '.pt.'].join(''), mixed(ALNUM, 43)),
    'linear-key': () => make('linear-key', ['lin', '_api_'].join(''), mixed(ALNUM, 40)),
    'notion-token': () => {
      const secret = mixed(ALNUM, 35);
      return { format: 'notion-token', value: `${['nt', 'n_'].join('')}${pick(DIGITS, 11)}${secret}`, secretPart: secret };
    },
    'postman-key': () => {
      const a = mixed(HEX_LOWER, 24);
      const b = mixed(HEX_LOWER, 34);
      return { format: 'postman-key', value: `${['PM', 'AK-'].join('')}${a}-${b}`, secretPart: `${a}-${b}` };
    },
    'sentry-token': () => make('sentry-token', ['sntr', 'yu_'].join(''), mixed(HEX_LOWER, 64)),
    'slack-app-token': () => {
      const secret = mixed(HEX_LOWER, 64);
      return { format: 'slack-app-token', value: `${['xa', 'pp-'].join('')}1-A${mixed(UPPER + DIGITS, 10)}-${pick(DIGITS, 13)}-${secret}`, secretPart: secret };
    },
    'grafana-token': () => {
      const a = mixed(ALNUM, 32);
      return { format: 'grafana-token', value: `${['gl', 'sa_'].join('')}${a}_${mixed(HEX_LOWER, 8)}`, secretPart: a };
    },
    'planetscale-token': () => make('planetscale-token', ['pscale', '_tkn_'].join(''), mixed(ALNUM, 43)),
    'supabase-token': () => make('supabase-token', ['sb', 'p_'].join(''), mixed(HEX_LOWER, 40)),
    'vault-token': () => make('vault-token', ['hv', 's.'].join(''), mixed(b64url, 95)),
    'age-secret-key': () => make('age-secret-key', ['AGE-SECRET', '-KEY-1'].join(''), mixed('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)),
    jwt: () => {
      const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: mixed(ALNUM, 12) })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ sub: mixed(ALNUM, 16), scope: 'admin', exp: 4102444800 })).toString('base64url');
      const signature = mixed(b64url, 43);
      return { format: 'jwt', value: `${header}.${payload}.${signature}`, secretPart: signature };
    },
  };

  return {
    rand,
    pick,
    mixed,
    byFormat,
    /** Every known format, in KNOWN_FORMATS order. */
    all(): PlantedSecret[] {
      return KNOWN_FORMATS.map((f) => {
        const make1 = byFormat[f.id];
        if (!make1) throw new Error(`no generator for the known format ${f.id}: add one to test/secrets/tokens.ts`);
        return make1();
      });
    },
    urlPassword(): PlantedSecret {
      const pw = mixed(ALNUM + '!*', 18);
      return { format: 'url-password', value: `postgres://app:${pw}@db.internal:5432/app`, secretPart: pw };
    },
    authHeader(): PlantedSecret {
      const token = mixed(ALNUM, 32);
      return { format: 'auth-header', value: `Bearer ${token}`, secretPart: token };
    },
    /** A random-looking value for a secret-named variable: `password = "..."`. */
    named(length = 24, alphabet = ALNUM + '!#%+=-_'): PlantedSecret {
      const v = mixed(alphabet, length);
      return { format: 'named', value: v, secretPart: v };
    },
  };
}

/** Every 8-character window of the secret part that shows up in `text`. */
export function leakedWindows(text: string, secret: PlantedSecret, width = 8): string[] {
  const out: string[] = [];
  const part = secret.secretPart;
  for (let i = 0; i + width <= part.length; i++) {
    const w = part.slice(i, i + width);
    if (text.includes(w)) out.push(w);
  }
  return out;
}
