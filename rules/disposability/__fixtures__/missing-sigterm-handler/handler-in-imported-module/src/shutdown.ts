export function onShutdown(close: () => void) {
  process.once('SIGTERM', () => {
    close();
  });
}
