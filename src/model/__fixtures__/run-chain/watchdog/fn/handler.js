module.exports = async () => ({ status: 'ok' });
