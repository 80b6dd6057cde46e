export function startTelemetry(): void {
  process.on('SIGTERM', () => process.exit(0));
}
