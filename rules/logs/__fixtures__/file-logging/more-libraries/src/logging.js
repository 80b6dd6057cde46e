const Rotate = require('winston-daily-rotate-file');
const SimpleNodeLogger = require('simple-node-logger');
const createPino = require('pino');

// The transport class under a name of the author's choosing.
const rotating = new Rotate({ dirname: '/var/log/shop', filename: 'shop-%DATE%.log' });

const audit = SimpleNodeLogger.createSimpleLogger({ logFilePath: '/var/log/shop/audit.log' });
const rolling = SimpleNodeLogger.createRollingFileLogger({ logDirectory: '/var/log/shop', fileNamePattern: 'roll-<DATE>.log' });

const fast = createPino({ level: 'info' }, createPino.destination({ dest: '/var/log/shop/fast.log', sync: false }));

module.exports = { rotating, audit, rolling, fast };
