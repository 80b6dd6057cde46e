// The service's shutdown hook lives in a workspace package the service imports by name.
export function onShutdown(close: () => void): void {
  process.on('SIGTERM', () => {
    close();
  });
}
