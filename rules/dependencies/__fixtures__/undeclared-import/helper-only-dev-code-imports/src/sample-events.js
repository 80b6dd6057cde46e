// Test data: a tests-only script and the tests build sample events from it.
const deepmerge = require('deepmerge');

exports.sampleEvent = (overrides) => deepmerge({ type: 'track', name: 'signup' }, overrides);
