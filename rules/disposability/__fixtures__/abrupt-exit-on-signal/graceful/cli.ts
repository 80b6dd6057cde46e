// A command-line tool serves nothing: exiting on SIGTERM is all it has to do.
process.on('SIGTERM', () => process.exit(143));
console.log('running a one-off task');
