/** API tokens: looked up by the sha-256 of the bearer value; the value itself is never stored. */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { UserRole } from './users.ts';

/** last_used_at is written at most this often per token. */
const TOUCH_EVERY_SECONDS = 60;

export interface ApiTokenRow {
  id: number;
  name: string;
  prefix: string;
  role: UserRole;
  vendorId: number | null;
  vendorName: string | null;
  createdBy: number | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiToken {
  name: string;
  tokenHash: string;
  prefix: string;
  role: UserRole;
  vendorId: number | null;
  createdBy: number | null;
}

export async function insertApiToken(db: Db, token: NewApiToken): Promise<number> {
  const { id } = await db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      token_hash: token.tokenHash,
      token_prefix: token.prefix,
      role: token.role,
      vendor_id: token.vendorId,
      created_by: token.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

function selectTokens(db: Db) {
  return db
    .selectFrom('api_tokens')
    .leftJoin('vendors', 'vendors.id', 'api_tokens.vendor_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.token_prefix as prefix',
      'api_tokens.role',
      'api_tokens.vendor_id as vendorId',
      'vendors.name as vendorName',
      'api_tokens.created_by as createdBy',
      'api_tokens.created_at as createdAt',
      'api_tokens.last_used_at as lastUsedAt',
      'api_tokens.revoked_at as revokedAt',
    ]);
}

export async function listApiTokens(db: Db): Promise<ApiTokenRow[]> {
  const rows = await selectTokens(db).orderBy('api_tokens.id').execute();
  return rows.map((row) => ({ ...row, role: row.role as UserRole }));
}

export async function findApiToken(db: Db, id: number): Promise<ApiTokenRow | undefined> {
  const row = await selectTokens(db).where('api_tokens.id', '=', id).executeTakeFirst();
  return row && { ...row, role: row.role as UserRole };
}

/** Returns false when no such token exists; revoking twice keeps the first revocation time. */
export async function revokeApiToken(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', sql<Date>`now()`) }))
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export interface TokenPrincipal {
  tokenId: number;
  role: UserRole;
  vendorId: number | null;
}

/** The principal of a live (not revoked) token, and records its use. */
export async function useApiToken(db: Db, tokenHash: string): Promise<TokenPrincipal | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .leftJoin('vendors', 'vendors.id', 'api_tokens.vendor_id')
    .select([
      'api_tokens.id as tokenId',
      'api_tokens.role',
      'api_tokens.vendor_id as vendorId',
      'api_tokens.last_used_at as lastUsedAt',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    // A vendor's token is refused while the vendor is archived (not revoked: it works again once restored).
    .where('vendors.archived_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql<Date>`now()` })
    .where('id', '=', row.tokenId)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', sql<Date>`now() - make_interval(secs => ${TOUCH_EVERY_SECONDS})`),
      ]),
    )
    .execute();
  return { tokenId: row.tokenId, role: row.role as UserRole, vendorId: row.vendorId };
}
