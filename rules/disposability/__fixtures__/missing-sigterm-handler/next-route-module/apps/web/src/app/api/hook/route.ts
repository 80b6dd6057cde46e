// A route handler: Next loads it into its own server when the route is first asked for.
import { hookWorker } from '../../../server/hook-worker';

export async function POST(request: Request) {
  const body = await request.json();
  await hookWorker.waitUntilReady();
  return Response.json({ received: body.id });
}
