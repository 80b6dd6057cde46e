// The signals the process shuts down on, listed once.
export const SHUTDOWN_SIGNALS: string[] = ['SIGHUP', 'SIGINT', 'SIGTERM'];
