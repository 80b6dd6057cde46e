export function flushAndExit(): void {
  process.exit(1);
}
