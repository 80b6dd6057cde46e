module.exports = {
  apps: [{ name: 'api', script: 'server.js', exec_mode: 'fork', instances: 1 }],
};
