// This is not actually a secret key: short-link keys are XORed with it to keep them case-sensitive.
const XOR_SECRET_KEY = '58ff90c0dc372ded858cbf8fb2306066';

export function encode(key: string): string {
  return [...key].map((c, i) => String.fromCharCode(c.charCodeAt(0) ^ XOR_SECRET_KEY.charCodeAt(i % 32))).join('');
}

// A route's scope name passed to the API-key middleware, not a key.
export const scope = withStatsApiKey('v1/stats/by-period');

// Near miss: a comment about the secret that does not say it is none.
// Rotate this secret every quarter.
export const sessionSecret = 'k7Rq2Lm9Xv4Tz8Bn3Wp6Yc1H';

declare function withStatsApiKey(scope: string): unknown;
