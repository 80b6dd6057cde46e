const logger = require('./logger');

process.on('unhandledRejection', (reason) => {
  logger.error('unhandled rejection', reason);
});
