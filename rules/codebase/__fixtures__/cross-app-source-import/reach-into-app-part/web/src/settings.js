// Near miss of plugin-folder-in-app: another app reaches into the server, through one of its parts too.
const { UNITS } = require('../../server/services/weather/constants');
const logger = require('../../server/utils/logger');
module.exports = { units: () => { logger.info('units'); return UNITS; } };
