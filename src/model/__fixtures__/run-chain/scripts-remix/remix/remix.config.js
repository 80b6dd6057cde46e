module.exports = { appDirectory: 'src/app', serverBuildPath: 'build/index.js' };
