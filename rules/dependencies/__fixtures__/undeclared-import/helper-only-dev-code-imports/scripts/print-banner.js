const { banner } = require('../src/banner');

console.log(banner());
