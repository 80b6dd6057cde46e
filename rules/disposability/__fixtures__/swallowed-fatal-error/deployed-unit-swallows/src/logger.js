module.exports = { error: (...args) => console.error(...args) };
