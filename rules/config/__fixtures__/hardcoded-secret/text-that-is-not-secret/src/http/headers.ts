// Header names, routes and templates under secret-like names.
export const AUTH_TOKEN = 'X-Auth-Token';
export const CSRF_TOKEN = 'x-csrf-token';
export const SESSION_SECRET = 'SESSION_SECRET';
export const REFRESH_TOKEN = 'app.auth.refreshToken';
export const routes = {
  resetPassword: '/auth/reset-password/:token',
  token: 'oauth2/token/:grantType',
  apiKeys: 'settings/api-keys/{keyId}',
  tokenUrl: 'https://auth.internal.example/oauth/token',
};
export const templates = {
  password: '{{ .Values.db.password }}',
  smtpPass: '${SMTP_PASS}',
  apiKey: '__API_KEY__',
  webhookSecret: 'replace-me-with-a-32-char-secret',
  stripeKey: 'your-stripe-key-here',
  jwtSecret: '<jwt-secret>',
  dbPassword: 'xxxxxxxxxxxxxxxx',
  accessToken: 'dummy-access-token-0001',
  signingKey: 'aaaaaaaaaaaaaaaaaaaaaaaa',
  adminPassword: 'Welcome2024',
};
