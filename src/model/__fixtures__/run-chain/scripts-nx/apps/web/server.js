require('node:http').createServer((_q, s) => s.end('web')).listen(process.env.PORT || 3002);
