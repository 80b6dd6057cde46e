module.exports = function auth() { return (req, res, next) => next(); };
