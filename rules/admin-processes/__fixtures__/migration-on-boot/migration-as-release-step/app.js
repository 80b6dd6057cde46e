const glob = require('glob');

// glob.sync is not Sequelize sync; a migration script beside the server is not on its start path.
const routes = glob.sync('routes/*.js');

exports.handler = (req, res) => res.end(String(routes.length));
