// One PostgreSQL transaction on a client of the pool: committed if `work` returns, rolled back
// (and the client returned) if it throws.
import type { Pool, PoolClient } from 'pg';

export async function inTransaction<T>(pool: Pool, work: (tx: PoolClient) => Promise<T>): Promise<T> {
  const tx = await pool.connect();
  try {
    await tx.query('BEGIN');
    const value = await work(tx);
    await tx.query('COMMIT');
    return value;
  } catch (error) {
    await tx.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}

// Changes are numbered by a sequence; taking this lock before the first change of a transaction
// makes them commit in the order of their numbers, so a pull never passes a change that a
// slower transaction commits later under a smaller number.
export const CHANGES_LOCK = 4650_0002;
