interface SampleRecord {
  provider: string;
  body: Record<string, unknown>;
}

// Example payloads the dashboard shows before a real webhook arrives: their tokens are the
// providers' documented examples, not credentials of this service.
export const samples: SampleRecord[] = [
  {
    provider: 'chat',
    body: { token: 'Jq8vZrTaK3ZwHHjRyZWjbDl9', team_id: 'T024BE7LD' },
  },
];

export const mockEvents = {
  passwordReset: { user: 'ada', passwordResetToken: 'b7Qe91XcVz0rTg44LmWp2sYd' },
};

// Not sample data: the clients this service accepts, with a secret written into the code.
export const clients = [{ clientId: 'web', clientSecret: 'p9VqT2mZr8LxW4sK7bN3cH6d' }];

// A request schema's documented example: a Basic header shows the format, a live key format would still leak.
export const WriteKeyHeader = {
  description: 'Authorization header for the request',
  examples: ['Basic M2YxYzJhOWUtN2I0NC00YzFkLTllMmEtNWI2YzdkOGU5ZjAxOjhhN2I2YzVkNGUzZjJhMWI='],
};
export const StorageKeyExample = { examples: ['AKIAQ7RZ4XK2M9WPL3TD'] };

// Not sample data: the header this client sends.
export const outgoing = { headers: { Authorization: 'Basic M2YxYzJhOWUtN2I0NC00YzFkLTllMmEtNWI2YzdkOGU5ZjAxOjhhN2I2YzVkNGUzZjJhMWI=' } };
