import { http } from 'msw';

export const handlers = [http.get('/ping', () => new Response('pong'))];
