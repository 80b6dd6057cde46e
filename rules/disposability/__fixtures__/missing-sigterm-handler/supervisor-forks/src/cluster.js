const { fork } = require('node:child_process');
const path = require('node:path');

// One child per service, kept running by this parent.
for (const service of ['api', 'webhooks']) {
  fork(path.join(__dirname, 'services', `${service}.js`), { stdio: 'inherit' });
}
