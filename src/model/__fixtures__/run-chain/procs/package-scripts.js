module.exports = {
  scripts: {
    default: 'node dist/server.js',
    serve: { script: 'fastify start -l info api/app.js', description: 'the API as a fastify plugin' },
  },
};
