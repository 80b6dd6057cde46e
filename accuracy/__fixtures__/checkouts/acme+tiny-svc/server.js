const express = require('express');
const cors = require('cors');

const app = express();
app.use(cors());
app.get('/health', (req, res) => res.send('ok'));

const port = Number(process.env.PORT || 8080);
app.listen(port, () => console.log(`listening on ${port}`));
