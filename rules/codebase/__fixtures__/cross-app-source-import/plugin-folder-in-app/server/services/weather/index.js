// An integration the server loads in its own process: its package.json holds only its dependencies.
const logger = require('../../utils/logger');
module.exports = { start: () => logger.info('weather started') };
