import { Octokit } from '@octokit/rest';

export const github = new Octokit({ auth: ['ghp_', 'R8fK2mQ9vLx4Tz7Wb1Nc6Yh3Pj5Sd0', '3P6fg9'].join('') });

export const aws = {
  accessKeyId: 'AKIAZ7QK4M2N8P3R5T6W',
  region: 'eu-west-1',
};

const stripeKey = `sk_live_4eC39HqLyjWDarjtT1zdp7dc${''}`;

export const signingKey = `
-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA1c7fpTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa/2o76
umfXfKm/r5kJP1VrT+1FJors/6ILi8IHn5kxsC7tVO/HbkQfyy/KV5zjR3j1twdT
-----END RSA PRIVATE KEY-----`;

export const db = connect('postgres://app:Zq8wL3xR9vTk@db.internal:5432/shop');

declare function connect(url: string): unknown;
void stripeKey;
