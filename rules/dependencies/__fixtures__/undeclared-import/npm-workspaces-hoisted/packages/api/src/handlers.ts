import { http, HttpResponse } from 'msw';

// Shipped by mistake: the mock handlers are imported by the server in demo mode.
export const handlers = [http.get('/health', () => HttpResponse.json({ ok: true }))];
