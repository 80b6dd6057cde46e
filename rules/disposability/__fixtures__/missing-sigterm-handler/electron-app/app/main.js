// The packaged app's own manifest (app/package.json) names no electron: the import does.
const { app, BrowserWindow } = require('electron');
const http = require('node:http');

app.whenReady().then(() => {
  http.createServer((_req, res) => res.end('ok')).listen(Number(process.env.TIMER_PORT ?? 41235));
  new BrowserWindow().loadURL('http://127.0.0.1:41235');
});
