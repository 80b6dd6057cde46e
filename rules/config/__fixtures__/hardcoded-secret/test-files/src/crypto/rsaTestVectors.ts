// Known-answer data for the RSA round trip in rsa.test.ts: a key pair made for the test, with what it
// encrypts and decrypts to. A test's data by its name, wherever it sits: info.
export const vector = {
  privateKey: `-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAz4vQm2Lk8Tn5Wq3Yp7Rs1Dx6Fh0Jc9Gb2Ve4Ku8Ni3Ma7Pl5Ot
Hs6Qw1Er4Ty7Ui0Op3As6Df9Gh2Jk5Lz8Xc1Vb4Nm7Qa0Ws3Ed6Rf9Tg2Yh5Uj8Ik1
-----END RSA PRIVATE KEY-----`,
  plaintext: 'round trip',
};
