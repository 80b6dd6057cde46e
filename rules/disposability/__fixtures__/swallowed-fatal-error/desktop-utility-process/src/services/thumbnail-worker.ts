// Runs in an Electron utility process that the main process forks: a crash here would take down one
// helper of the app on a user's desktop, so it logs and goes on.
import { net } from 'electron/main';

process.on('uncaughtException', (error) => {
  console.error('thumbnail worker', error);
});

export async function fetchThumbnail(url: string): Promise<ArrayBuffer> {
  const response = await net.fetch(url);
  return response.arrayBuffer();
}
