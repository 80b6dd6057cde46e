// Design tokens: a `token` here is a CSS custom property, not a credential.
export const runStatusColors = [
  { status: 'pending', token: '--color-run-pending' },
  { status: 'succeeded', token: '--color-run-succeeded-2' },
  { status: 'failed', token: 'var(--color-run-failed)' },
];
export const authToken = { token: '--surface-auth-token-bg' };
