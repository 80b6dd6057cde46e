console.log('proxy');
