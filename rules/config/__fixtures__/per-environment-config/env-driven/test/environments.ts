export const hosts = { production: { url: 'https://api.example.com' }, staging: { url: 'https://staging.example.com' } };
