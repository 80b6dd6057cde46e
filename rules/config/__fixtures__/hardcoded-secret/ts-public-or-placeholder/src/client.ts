// A Firebase web app's config: its apiKey is a public identifier every client bundle ships.
export const firebaseConfig = {
  apiKey: 'AIzadJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zku',
  authDomain: 'ledger-app.firebaseapp.com',
  projectId: 'ledger-app',
  appId: '1:1234567890:web:abcdef0123456789',
};

// Text the key editor shows in its empty field: a PEM block cut short, named for what it is.
const PRIVATE_KEY_PLACEHOLDER = `
-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFx
jORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YY
-----END RSA PRIVATE KEY-----
`.trim();

// Near misses: the same key shape with no Firebase config around it, and a key the code keeps.
export const maps = { apiKey: 'AIzavqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4x', region: 'eu' };
const SIGNING_KEY = `
-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAZYn9ZhyiA4uoRgnatmUdjAWtGSU8po+799NksnRH9ucAUsdM
PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1f
-----END RSA PRIVATE KEY-----
`.trim();

export const editor = { placeholder: PRIVATE_KEY_PLACEHOLDER, signingKey: SIGNING_KEY };

// Paddle.js's client-side token, made for the browser, and a contract's address on chain: public.
export const CLIENT_PADDLE_TOKEN = 'live_7c2f90ab41de5538e06f1a9b2c4';
export enum Tokens {
  DefaultToken = '0x9b3F2c1A7e54D0b86c1f4E2a9D3b5C7e8F01a2B4',
}
// Near misses: a server-side API key after the same prefix, and a wallet's private key (64 hex digits).
export const paddleApiKey = 'pdl_live_apikey_01hx7c2f90ab41de5538e06f1a9b2c4d_Qm3v';
export const walletPrivateKey = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318';
