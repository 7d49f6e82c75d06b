/**
 * Whose vendor data a caller may read (docs/security.md, vendor isolation): staff and automation read every
 * vendor's, a vendor user its own vendor's only. The API derives it from the principal (`scopeOf`); every
 * query function that reads vendor data takes it and filters by it in SQL.
 */
export type VendorScope = { kind: 'all' } | { kind: 'vendor'; vendorId: number };
