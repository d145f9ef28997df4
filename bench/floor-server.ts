/**
 * The floor: bare Express 5 + pg, one `INSERT … RETURNING` of the intake payload into a plain
 * table. No auth, no validation, no transaction: what this machine does for the same request shape.
 */
import http from 'node:http';
import express from 'express';
import pg from 'pg';

interface Payload {
  type: string;
  category?: string;
  channel: string;
  priority: string;
  description: string;
  customer: { phone: string; name?: string; area?: string };
}

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
const app = express();
app.use(express.json({ limit: '64kb' }));
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
app.post('/api/tickets', async (req, res) => {
  const p = req.body as Payload;
  const { rows } = await pool.query(
    `INSERT INTO floor_tickets (type, category, channel, priority, description, phone, customer_name, area, idempotency_key, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [p.type, p.category ?? null, p.channel, p.priority, p.description, p.customer.phone, p.customer.name ?? null,
      p.customer.area ?? null, req.get('Idempotency-Key') ?? null, new Date()],
  );
  res.status(201).json(rows[0]);
});
const server = http.createServer(app).listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void pool.end().finally(() => process.exit(0));
});
