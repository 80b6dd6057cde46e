// Secrets the service signs, verifies or encrypts with: any known value lets a reader forge.
export const desktopJwt = process.env.DESKTOP_JWT_SECRET || 'dev-secret';
export const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? 'whsec_local';
export const adminKey = process.env.ACME_ADMIN_KEY || 'acme';
export const apiSecret = process.env.API_SECRET || 'changeme';
export const secretKey = process.env.SECRET_KEY ?? 'secret';
// Near misses: a credential for another product, named with words this project's name does not
// have, and a bare password whose owner the name does not say.
export const partnerKey = process.env.GLOBEX_ADMIN_KEY || 'globex';
export const password = process.env.PASSWORD || 'password';
