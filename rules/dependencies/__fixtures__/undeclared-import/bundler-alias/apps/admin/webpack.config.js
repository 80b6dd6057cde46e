const path = require('node:path');

module.exports = {
  entry: './src/index.ts',
  resolve: {
    alias: {
      '@workers': path.resolve(__dirname, 'src/workers'),
      'vue$': 'vue/dist/vue.esm-bundler.js',
    },
  },
};
