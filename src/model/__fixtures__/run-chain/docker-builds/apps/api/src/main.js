require('node:http').createServer(() => undefined).listen(3000);
