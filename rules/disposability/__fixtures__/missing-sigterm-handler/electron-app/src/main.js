const { app } = require('electron');
const express = require('express');

// The desktop app serves its window's API on a loopback port: it stops when the user quits.
app.whenReady().then(() => {
  express().listen(41234, '127.0.0.1');
});
