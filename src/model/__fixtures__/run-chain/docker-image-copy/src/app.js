require('node:http').createServer(() => undefined).listen(4567);
