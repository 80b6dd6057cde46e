import chalk from 'chalk';

export const banner = () => chalk.bold('shop');
