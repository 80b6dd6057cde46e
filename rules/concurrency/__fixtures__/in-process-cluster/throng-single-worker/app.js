const express = require('express');

exports.start = function start() {
  express().listen(Number(process.env.PORT || 3000));
};
