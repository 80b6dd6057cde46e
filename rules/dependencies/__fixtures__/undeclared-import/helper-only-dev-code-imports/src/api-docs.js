const swaggerUi = require('swagger-ui-express');

exports.mount = (app) => app.use('/docs', swaggerUi.serve, swaggerUi.setup({ openapi: '3.0.0' }));
