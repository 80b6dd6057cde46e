import { describe, expect, it } from 'vitest';
import { isOwnSecretName } from './vocabulary.js';

describe('isOwnSecretName: a secret the service signs, verifies or encrypts with, or a credential it presents to others', () => {
  const project = new Set(['nango', 'nangohq']);
  it.each([
    ['JWT_SECRET'], ['SESSION_SECRET'], ['COOKIE_SECRET'], ['ENCRYPTION_KEY'], ['SECRET_KEY'], ['SECRET'], ['APP_KEY'],
    ['ADMIN_PASSWORD'], ['AUTH_SECRET'], ['API_SECRET'], ['SERVER_SECRET'], ['DESKTOP_JWT_SECRET'], ['EXPRESS_SESSION_SECRET'],
    ['STRIPE_WEBHOOK_SECRET'], ['PASSWORD_RESET_SECRET'], ['SIGNED_URL_SECRET'], ['JWT_REFRESH_TOKEN_SECRET'], ['NANGO_ADMIN_KEY'],
    ['BACKEND_ACCESS_TOKEN_ENCRYPTION_KEY'], ['DEFAULT_JWT_SECRET'],
  ])('%s is the service\'s own', (name) => {
    expect(isOwnSecretName(name, project)).toBe(true);
  });
  it.each([
    ['OPENAI_API_KEY'], ['STRIPE_SECRET_KEY'], ['GOOGLE_CLIENT_SECRET'], ['GOOGLE_SECRET'], ['TWITTER_API_SECRET'],
    ['TWITTER_ACCESS_TOKEN_SECRET'], ['DB_PASSWORD'], ['DATABASE_PASSWORD'], ['MINIO_SECRET_KEY'], ['GITHUB_TOKEN'],
    ['PASSWORD'], ['DEFAULT_PASSWORD'], ['API_KEY'], ['GLOBEX_ADMIN_KEY'], ['PORT'],
  ])('%s is not (someone else\'s, or whose is not said)', (name) => {
    expect(isOwnSecretName(name, project)).toBe(false);
  });
});
