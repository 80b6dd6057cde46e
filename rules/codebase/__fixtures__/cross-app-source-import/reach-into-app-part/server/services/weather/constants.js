module.exports = { UNITS: ['metric', 'imperial'] };
