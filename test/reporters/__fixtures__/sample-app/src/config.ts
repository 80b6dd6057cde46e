// Settings of the orders service.
export const settings = {
  region: 'eu-west-1',
  githubToken: 'ghp_Q7w2Rt9Yk3Lm8Np4Zx6Vb1Hc5Jd0Fs2Gt7Ka',
  retries: 3,
};
