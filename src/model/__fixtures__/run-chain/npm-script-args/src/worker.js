setInterval(() => undefined, 60000);
