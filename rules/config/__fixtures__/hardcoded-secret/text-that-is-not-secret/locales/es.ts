// Spanish strings: one-word labels carry accents and need no blank to be natural language.
export default {
  password: 'Contraseña',
  password_expiration_not_enabled: 'La caducidad de la contraseña no está habilitada',
  apiKey: 'Clave_de_API_única',
  accessToken: 'Identificación',
  passwordReset: 'auth.password.reset',
  apiToken: 'settings.apiTokens.createdOn',
} as const;
