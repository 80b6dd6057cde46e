#!/usr/bin/env node
// The published bin loads the compiled CLI.
require('./dist/index.js');
