export const apiBase = process.env.NODE_ENV === 'production' ? 'https://api.example.com' : 'http://localhost:4000';
export const label = process.env.NODE_ENV === 'production' ? 'live' : 'dev';
