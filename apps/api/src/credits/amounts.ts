/**
 * Who sees money: admins and finance always; ops unless the organisation hides amounts from ops; viewers never;
 * a vendor user sees the amounts of its own statements once shared (it must see a credit line to dispute it,
 * and the scope already limits it to its own vendor and to statements past draft).
 */
import type { Role } from '../auth/access.ts';

export function seesAmounts(role: Role, hideFromOps: boolean): boolean {
  if (role === 'admin' || role === 'finance' || role === 'vendor') return true;
  return role === 'ops' && !hideFromOps;
}
