module.exports = {
  mode: process.env.NODE_ENV === 'production' ? 'production' : 'development',
};
if (process.env.NODE_ENV === 'production') {
  module.exports.devtool = false;
}
