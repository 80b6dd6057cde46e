// Near miss: "latestUtils" is no test helper (the camelCase word is "Test" only after a lower-case
// letter): a key written into runtime code stays an error.
export const fallbackKey = `-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEAq7Wm3Ln9Tb5Yc2Xv8Rz1Kd4Fg6Hj0Ls3Pa9Qe2Nw5Mu7Ot1Ir4Ey
Ua6Sx8Dc1Vf4Gb7Hn0Jm3Kq6Lw9Pz2Ro5Tt8Yy1Uu4Ii7Oo0Pp3Aa6Ss9Dd2Ff5Gg8
-----END RSA PRIVATE KEY-----`;
