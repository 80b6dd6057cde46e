const weather = require('./services/weather');
weather.start();
