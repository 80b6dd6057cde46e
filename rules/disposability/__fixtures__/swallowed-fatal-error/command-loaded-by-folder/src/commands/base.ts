// The CLI framework loads every command class from the commands folder: no import reaches this file.
export abstract class BaseCommand {
  async init(): Promise<void> {
    process.on('uncaughtException', (err) => {
      console.error('uncaught exception', err);
    });
  }
}
