require('./src/app.js');
