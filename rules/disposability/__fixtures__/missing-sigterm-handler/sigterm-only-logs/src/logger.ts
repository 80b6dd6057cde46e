export const logger = {
  info: (message: string) => process.stdout.write(`${JSON.stringify({ level: 'info', message })}\n`),
};
