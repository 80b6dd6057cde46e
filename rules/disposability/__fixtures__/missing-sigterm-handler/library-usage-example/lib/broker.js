module.exports = function createBroker() {
  return { handle: (socket) => socket.end() };
};
