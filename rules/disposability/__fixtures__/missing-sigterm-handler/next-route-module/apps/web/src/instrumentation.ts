// Next.js runs register() once when its server starts: the process-wide start-up code.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./server/email-worker');
  }
}
