module.exports = {
  // The build goes to web_build/ instead of .next/, and standalone writes its own server.js there.
  distDir: 'web_build',
  output: 'standalone',
};
