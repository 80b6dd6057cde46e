const logs = './logs';

module.exports = {
  apps: [
    {
      name: 'api',
      script: './dist/server.js',
      instances: 'max',
      exec_mode: 'cluster',
      out_file: `${logs}/out.log`,
      error_file: './logs/err.log',
    },
    {
      name: 'jobs',
      script: 'src/jobs.ts',
      interpreter: 'ts-node',
    },
  ],
};
