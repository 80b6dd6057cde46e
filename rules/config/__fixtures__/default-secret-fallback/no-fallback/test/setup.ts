// Test files may give secrets a throwaway default.
export const secret = process.env.JWT_SECRET ?? 'test-only';
