/**
 * The floor: bare Express 5 + pg, one `INSERT … RETURNING` of the intake payload into a plain
 * table. No auth, no validation, no transaction: what this machine does for the same request shape.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pg from 'pg';
import { serveChild } from './lib/child';

interface Payload {
  type: string;
  category?: string;
  channel: string;
  priority: string;
  description: string;
  customer: { phone: string; name?: string; area?: string };
}

async function start(): Promise<void> {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL_MAX ?? 10) });
  const app = express();
  app.use(express.json({ limit: '64kb' }));
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
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serveChild((server.address() as AddressInfo).port, async () => {
    server.closeAllConnections();
    server.close();
    await pool.end();
  });
}

void start().catch((err: unknown) => {
  process.stderr.write(`bench floor: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
