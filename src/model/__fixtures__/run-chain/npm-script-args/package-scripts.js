module.exports = {
  scripts: {
    default: 'node src/worker.js',
    serve: 'nodemon src/app.ts',
  },
};
