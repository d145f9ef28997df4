/**
 * The realtime floor: a bare socket.io server with no auth, rooms or database. POST /emit sends
 * its JSON body to every socket, as the app's bridge does after a commit.
 */
import http from 'node:http';
import { Server } from 'socket.io';

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/readyz') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
    return;
  }
  if (req.method === 'POST' && req.url === '/emit') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      io.emit('ticket.updated', JSON.parse(Buffer.concat(chunks).toString()));
      res.writeHead(204).end();
    });
    return;
  }
  res.writeHead(404).end();
});
const io = new Server(server, { serveClient: false });
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.on('SIGTERM', () => {
  io.close();
  process.exit(0);
});
