import { TEMPLATE_DB, adminKnex } from './db';

export default async function globalTeardown(): Promise<void> {
  const admin = adminKnex();
  try {
    await admin.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  } finally {
    await admin.destroy();
  }
}
