// Made-up credentials for services this one calls: the provider refuses them, so they grant nothing.
export const google = { clientId: process.env.GOOGLE_CLIENT_ID, clientSecret: process.env.GOOGLE_SECRET || 'dummySecret' };
export const twitter = {
  apiSecret: process.env.TWITTER_API_SECRET ?? 'dummyApiSecret',
  accessTokenSecret: process.env.TWITTER_ACCESS_TOKEN_SECRET ?? 'dummyAccessTokenSecret',
};
export const stripeKey = process.env.STRIPE_SECRET_KEY || 'sk_nothing';
export const db = { password: process.env.DB_PASSWORD || 'password' };
export const storage = { secretKey: process.env.MINIO_SECRET_KEY ?? 'minioadmin' };
