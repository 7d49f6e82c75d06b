/**
 * Who is signed in, for any feature that must hide what the role cannot do. The API enforces access;
 * this only keeps buttons that would answer 403 off the screen.
 */
import { createContext, useContext } from 'react';
import type { ApiResponse } from './api-types.ts';

export type SessionUser = ApiResponse<'currentUser'>['user'];

export type Role = SessionUser['role'];

/** Mirrors the API's access levels: ops = admin and ops; finance = admin and finance; admin = admin only. */
export type Ability = 'read' | 'ops' | 'finance' | 'admin';

export function can(user: SessionUser | null, ability: Ability): boolean {
  if (!user) return false;
  if (ability === 'read') return true;
  if (ability === 'ops') return user.role === 'admin' || user.role === 'ops';
  if (ability === 'finance') return user.role === 'admin' || user.role === 'finance';
  return user.role === 'admin';
}

export const SessionContext = createContext<SessionUser | null>(null);

export function useSessionUser(): SessionUser | null {
  return useContext(SessionContext);
}

export function useCan(ability: Ability): boolean {
  return can(useSessionUser(), ability);
}
