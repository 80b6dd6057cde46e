// A seed script runs on a developer's machine: its fallback protects nothing deployed.
export const seedAdmin = process.env.JWT_SECRET || 'seed-secret';
