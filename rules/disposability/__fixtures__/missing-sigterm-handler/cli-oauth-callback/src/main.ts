import { login } from './login.js';

async function main(): Promise<void> {
  if (process.argv[2] === 'login') console.log(await login());
}

main();
