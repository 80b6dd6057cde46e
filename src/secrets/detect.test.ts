// holdsLocalhostCertificateOnly: which certificates make a private key beside them a development pair.

import { describe, expect, it } from 'vitest';
import { holdsLocalhostCertificateOnly, looksLikeSecretValue } from './detect.js';

// Made for these tests with openssl req -x509: CN=localhost, and CN=edge.acme-payments.example.
const LOCAL = "-----BEGIN CERTIFICATE-----\nMIIBmjCCAUGgAwIBAgIUDgmMR1KxWIu+Gy58BdnlCpE2upUwCgYIKoZIzj0EAwIw\nFDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTIwNjIwMzIyNloYDzIxMjYxMTEy\nMjAzMjI2WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO\nPQMBBwNCAAT0DihT7LC6msHE/IIkv/pewhBgn3YTnR7MtRvQF7wBSLusXFboR71m\nfCICE3YcpHs3SHLfIoPaJ/T8vcTAOrwwo28wbTAdBgNVHQ4EFgQUogXqUwMNSfwq\n8WdEXnU9HhRxbycwHwYDVR0jBBgwFoAUogXqUwMNSfwq8WdEXnU9HhRxbycwDwYD\nVR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI\nzj0EAwIDRwAwRAIgVBI7Xs2cUp2jkNKMeZ70Bzwao3N2cfQNtpZfKFBGNbUCICHC\n8oBXcEF0cdlk3dNqym7xWx4jRoD1pFFSxVV0GFXe\n-----END CERTIFICATE-----\n";
const EDGE = "-----BEGIN CERTIFICATE-----\nMIIBvTCCAWOgAwIBAgIUIyLxK6k0WlkITemPhMdNLRvm5UswCgYIKoZIzj0EAwIw\nNDENMAsGA1UECgwEQWNtZTEjMCEGA1UEAwwaZWRnZS5hY21lLXBheW1lbnRzLmV4\nYW1wbGUwHhcNMjYxMjA2MjAzMjI2WhcNMjcxMjA2MjAzMjI2WjA0MQ0wCwYDVQQK\nDARBY21lMSMwIQYDVQQDDBplZGdlLmFjbWUtcGF5bWVudHMuZXhhbXBsZTBZMBMG\nByqGSM49AgEGCCqGSM49AwEHA0IABALbzF16cEAHWQcUlJuBkXTsKjjlSnox5ah8\nbjy77XerXCJlr1VvRFieBAcx9G4GGfpNIEVfdKaw5MPBI8Jyw6GjUzBRMB0GA1Ud\nDgQWBBRRXcqdVAk2xRdWs+/Wp3K6N2v2TjAfBgNVHSMEGDAWgBRRXcqdVAk2xRdW\ns+/Wp3K6N2v2TjAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIQD9\nifDZaplvQWZBBsniyh/ITdTn7FkrEeZHoRCFsqs3yAIgDgILgrGHrlkL0f3VE/k8\nf5E46a6aFxSCrEv0ULV/ZgI=\n-----END CERTIFICATE-----\n";

describe('holdsLocalhostCertificateOnly', () => {
  it('reads the common names from the DER of a certificate in a template literal or a JSON string', () => {
    expect(holdsLocalhostCertificateOnly(`export const CERT = \`${LOCAL}\`;`)).toBe(true);
    expect(holdsLocalhostCertificateOnly(JSON.stringify({ cert: LOCAL }))).toBe(true);
  });

  it('is false for a certificate of a real host name, for a file holding one beside a localhost one, and for none', () => {
    expect(holdsLocalhostCertificateOnly(EDGE)).toBe(false);
    expect(holdsLocalhostCertificateOnly(LOCAL + EDGE)).toBe(false);
    expect(holdsLocalhostCertificateOnly('const key = process.env.TLS_KEY;')).toBe(false);
  });

  it('is false when the name is only in a comment, or the body is cut or no certificate at all', () => {
    expect(holdsLocalhostCertificateOnly('// CN=localhost\n-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----')).toBe(false);
    expect(holdsLocalhostCertificateOnly(LOCAL.replace('-----END CERTIFICATE-----', ''))).toBe(false);
  });
});

describe('looksLikeSecretValue', () => {
  it('is false for the storage key of an uploaded file: words and dates before its id', () => {
    expect(looksLikeSecretValue('space/2021/05/29/a1cda7f419364993930a8381b37e2684')).toBe(false);
    expect(looksLikeSecretValue('/uploads/avatars/2024/Xk3vQ9LmT2pR8wZs.png')).toBe(false);
  });

  it('is still true for a random value with slashes in it (base64)', () => {
    expect(looksLikeSecretValue('kR8/Zq+3xT/9vN2/pL5wQ7mB')).toBe(true);
    expect(looksLikeSecretValue('Qm9/x7Rt/Lk2P/vN8sW4zYq1')).toBe(true);
  });
});
