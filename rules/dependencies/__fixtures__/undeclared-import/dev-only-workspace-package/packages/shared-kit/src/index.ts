import chalk from 'chalk';

export const banner = (name: string) => chalk.bold(name);
