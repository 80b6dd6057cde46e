module.exports = { info: (msg) => process.stdout.write(`${msg}\n`) };
