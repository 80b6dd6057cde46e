export function captureException(err: unknown): void {
  console.log('captured', String(err));
}
