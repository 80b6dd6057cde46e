module.exports = function framework() {
  return { route() {} };
};
