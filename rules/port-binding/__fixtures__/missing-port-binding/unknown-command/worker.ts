let timer: NodeJS.Timeout | undefined = setInterval(() => console.log('polling'), 1000);

process.on('SIGTERM', () => {
  if (timer) clearInterval(timer);
  timer = undefined;
});
