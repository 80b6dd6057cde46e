setInterval(() => process.stdout.write('tick\n'), 1000);
