/**
 * The end-to-end bench's baseline: DuckDB (in process, in memory, every core) reads the same Zendesk export
 * with `read_csv` into a table, then computes the weekly aggregate the scorecard rests on, vendor × week ×
 * queue × channel × tier, medians with `quantile_cont`. The preset's rules are mirrored only as far as this
 * file needs them (Group is vendor and queue, Via → channel, no tier column), so the work is comparable.
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface DuckDbTiming {
  readMs: number;
  aggregateMs: number;
  rows: number;
  groups: number;
}

const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

export async function duckDbBaseline(file: string): Promise<DuckDbTiming> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    let started = performance.now();
    await connection.run(
      `CREATE TABLE export AS SELECT * FROM read_csv(${quoted(file)}, header = true, ` +
        `nullstr = ['', '1900-01-01 00:00:00'])`,
    );
    const readMs = performance.now() - started;
    const counted = await connection.runAndReadAll('SELECT count(*) FROM export');
    const rows = Number(counted.getRows()[0]?.[0]);

    started = performance.now();
    await connection.run(`
      CREATE TABLE weekly AS
      SELECT "Group" AS vendor, date_trunc('week', "Created at") AS week, "Group" AS queue,
        CASE lower("Via") WHEN 'mail' THEN 'email' WHEN 'web form' THEN 'web' WHEN 'chat' THEN 'chat'
          WHEN 'internal communication' THEN 'web' ELSE lower("Via") END AS channel,
        NULL::integer AS tier,
        count(*) AS cases,
        count("Solved at") AS solved,
        sum(CASE WHEN "Reopens" > 0 THEN 1 ELSE 0 END) AS reopened,
        count(TRY_CAST("Satisfaction Score" AS integer)) AS rated,
        avg(TRY_CAST("Satisfaction Score" AS integer)) AS csat,
        quantile_cont("First reply time in minutes" * 60, 0.5) AS median_first_response_seconds,
        quantile_cont(epoch("Solved at") - epoch("Created at"), 0.5) AS median_resolution_seconds,
        quantile_cont(epoch("Solved at") - epoch("Created at"), 0.9) AS p90_resolution_seconds
      FROM export GROUP BY ALL`);
    const aggregateMs = performance.now() - started;
    const grouped = await connection.runAndReadAll('SELECT count(*) FROM weekly');
    return { readMs, aggregateMs, rows, groups: Number(grouped.getRows()[0]?.[0]) };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
