// A form schema: names and types of credential fields, never their values.
export const signupForm = {
  fields: [
    { name: 'password', type: 'password', format: 'password', autoComplete: 'new-password' },
    { name: 'apiKey', type: 'text', pattern: '^[A-Za-z0-9]{32}$' },
  ],
  password: 'PasswordStrengthInput',
  secretKey: 'settings.secretKey.description',
  apiKeyMime: 'application/vnd.shop.api-key+json',
};

export enum TokenKind {
  AccessToken = 'ACCESS_TOKEN',
  RefreshToken = 'refresh_token',
  ApiKey = 'PersonalApiKey',
}
