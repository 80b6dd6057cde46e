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

// A key body written out, with only its comment interpolated after it: still a committed key.
export const deployKey = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACBv0Kq3bJc5hV2nR8sT4wX1yZ6mA9dE7fG0hJ2kL3nP5QAAAJgU1cT3
-----END OPENSSH PRIVATE KEY-----
${'deploy'}`;

declare function connect(url: string): unknown;
void stripeKey;

// A real key written in pieces: judged whole, with its body, at the value's first piece.
export const pemSetting =
  'pem=' +
  '-----BEGIN PRIVATE KEY-----\n' +
  'MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQC7VJTUt9Us8cKj\n' +
  'MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n' +
  '-----END PRIVATE KEY-----';
