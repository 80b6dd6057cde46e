process.on('uncaughtException', (error) => {
  console.error('uncaught exception', error);
});

console.log(`shop ${process.argv.slice(2).join(' ')}`);
