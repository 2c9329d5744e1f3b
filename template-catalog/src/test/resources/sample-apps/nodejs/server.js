// A sample app with no dependencies: answers every request with what it runs as.
const fs = require('fs');
const http = require('http');

const port = Number(process.env.PORT);
http.createServer((request, response) => {
  let writable = true;
  try {
    fs.accessSync('.', fs.constants.W_OK);
  } catch (e) {
    writable = false;
  }
  response.setHeader('Content-Type', 'text/plain');
  response.end(`hello from node ${process.version} as uid ${process.getuid()} on port ${port}, app directory writable: ${writable}\n`);
}).listen(port, '0.0.0.0');
