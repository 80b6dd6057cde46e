// The driver for a columnar database; its compose file starts one to develop against.
module.exports = { name: 'columnar' };
