import { describe, expect, it } from 'vitest';
import { maintenanceUrl } from './maintenance-url.ts';

describe('maintenanceUrl', () => {
  it('swaps only the database name for postgres', () => {
    expect(maintenanceUrl('postgres://u:p%40ss@db.example:6543/scorecard_test?sslmode=require')).toBe(
      'postgres://u:p%40ss@db.example:6543/postgres?sslmode=require',
    );
  });

  it('adds the database name when the URL names none', () => {
    expect(maintenanceUrl('postgres://postgres@127.0.0.1:5432')).toBe('postgres://postgres@127.0.0.1:5432/postgres');
  });
});
