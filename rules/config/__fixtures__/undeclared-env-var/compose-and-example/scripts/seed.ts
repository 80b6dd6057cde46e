export const count = Number(process.env.SEED_COUNT ?? 10);
