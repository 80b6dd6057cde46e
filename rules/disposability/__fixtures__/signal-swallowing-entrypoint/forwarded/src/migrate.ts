console.log('migrating');
