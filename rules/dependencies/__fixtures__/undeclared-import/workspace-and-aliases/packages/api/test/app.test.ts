import { describe, it, expect } from 'vitest';
import { app } from '../src/app';

describe('app', () => {
  it('exists', () => expect(app).toBeDefined());
});
