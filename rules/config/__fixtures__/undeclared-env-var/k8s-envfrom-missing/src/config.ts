export const smtpHost = process.env.SMTP_HOST;
export const logLevel = process.env.LOG_LEVEL;
