export const logLevel = process.env.LOG_LEVEL;
export const timeout = process.env.API_TIMEOUT_MS;
export const token = process.env.SLACK_TOKEN;
