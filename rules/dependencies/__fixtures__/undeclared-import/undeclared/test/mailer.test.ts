import { it, expect } from 'vitest';
import request from 'supertest';
import { send } from '../src/mailer';

it('sends', () => expect(typeof send).toBe('function') && request);
