export const settings = {
  clientSecret: 'a8F3kL0pQz7wX2vBn5Rt',
  session: { cookieName: 'sid' },
};

const dbPassword = 'Xk9#mP2$vL8qR4';

export function configure(target: { apiKey?: string }) {
  target.apiKey = 'b7Gq2Lm9Xz4Kw1Rt8Vn3';
  return dbPassword;
}
