import { describe, it } from 'vitest';
import { http } from 'msw';

describe('server', () => {
  it('answers', () => void http);
});
