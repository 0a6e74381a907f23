// Stands in for WeCom while the bench runs: answers every send with errcode 0 and counts them, in its own process so
// neither the bot nor the load tool pays for it. GET /count says how many sends arrived.
import { createServer } from 'node:http';

let sends = 0;
const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/count') { res.end(String(sends)); return; }
  req.resume();
  req.on('end', () => {
    sends++;
    res.setHeader('content-type', 'application/json');
    res.end('{"errcode":0,"errmsg":"ok"}');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
