export const fake = process.env.TEST_DATABASE_URL;
