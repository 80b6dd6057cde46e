import { BaseCommand } from './base';

export default class Start extends BaseCommand {
  async run(): Promise<void> {
    await this.init();
  }
}
