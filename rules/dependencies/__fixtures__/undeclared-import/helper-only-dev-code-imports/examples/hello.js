const { print } = require('../src/cli-printer');

print('hello');
