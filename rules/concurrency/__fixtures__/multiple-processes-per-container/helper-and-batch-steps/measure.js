// One measurement run: reads its arguments, writes a report, exits.
console.log(JSON.stringify({ url: process.argv[2] }));
