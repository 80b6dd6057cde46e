const { sampleEvent } = require('../src/sample-events');

console.log(JSON.stringify(sampleEvent({})));
