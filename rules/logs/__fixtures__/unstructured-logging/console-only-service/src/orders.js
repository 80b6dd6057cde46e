exports.handle = (req, res) => {
  console.log('order request ' + req.url);
  res.end('ok');
};
