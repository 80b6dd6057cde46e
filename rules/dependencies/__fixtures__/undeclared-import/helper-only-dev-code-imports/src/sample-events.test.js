const { sampleEvent } = require('./sample-events');

test('merges', () => expect(sampleEvent({ name: 'x' }).name).toBe('x'));
