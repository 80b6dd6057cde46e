const SimpleNodeLogger = require('simple-node-logger');
const createPino = require('pino');

// createSimpleLogger without logFilePath logs to the console.
const audit = SimpleNodeLogger.createSimpleLogger({ timestampFormat: 'YYYY-MM-DD HH:mm:ss' });

const fast = createPino({ level: 'info' }, createPino.destination({ dest: 1, sync: false }));
const plain = createPino({ level: 'info' }, process.stdout);

// A class that happens to be called DailyRotateFile but comes from the app, not the library.
class Rotate {}
const notALogger = new Rotate();

module.exports = { audit, fast, plain, notALogger };
