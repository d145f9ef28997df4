import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { Person, Role, Unit, User } from './api/types';
import { useResync } from './realtime/socket';

interface Session {
  user: User;
  units: Unit[];
  unitName(id: number | null | undefined): string;
  /** Names of colleagues the console knows (the directory, where the role may read it). */
  userName(id: number | null | undefined): string;
  learnUsers(users: { id: number; name: string }[]): void;
  can(action: SessionAction): boolean;
}

/** What the console offers each role; the server checks the same matrix on every call. */
const ROLE_ACTIONS = {
  intake: ['agent', 'supervisor'],
  dispatch: ['agent', 'supervisor'],
  resolve: ['agent', 'supervisor', 'handler', 'unit_head'],
  callback: ['agent', 'supervisor'],
  board: ['supervisor', 'manager', 'admin', 'agent', 'unit_head'],
  callbacks: ['agent', 'supervisor', 'unit_head', 'manager'],
  cases: ['unit_head', 'manager'],
  reports: ['supervisor', 'manager', 'admin', 'unit_head'],
  admin: ['admin', 'supervisor', 'manager'],
  audit: ['admin', 'manager'],
  mail: ['admin', 'supervisor'],
} as const satisfies Record<string, readonly Role[]>;
export type SessionAction = keyof typeof ROLE_ACTIONS;

const Context = createContext<Session | null>(null);

export function SessionProvider({ user, children }: { user: User; children: ReactNode }) {
  const [units, setUnits] = useState<Unit[]>([]);
  const [names, setNames] = useState<Map<number, string>>(() => new Map([[user.id, user.name]]));

  useEffect(() => {
    api<{ items: Unit[] }>('/api/units').then((r) => setUnits(r.items), () => undefined);
  }, []);
  // Every role reads the names of the people it works with; again after a reconnect (a restart, a blip).
  const loadPeople = useCallback(() => {
    api<{ items: Person[] }>('/api/directory/people').then(
      (r) => setNames((prev) => new Map([...prev, ...r.items.map((u) => [u.id, u.name] as const)])),
      () => undefined,
    );
  }, []);
  useEffect(loadPeople, [loadPeople]);
  useResync(loadPeople);

  const value = useMemo<Session>(() => {
    const unitById = new Map(units.map((u) => [u.id, u]));
    return {
      user,
      units,
      unitName: (id) => (id === null || id === undefined ? '' : unitById.get(id)?.name ?? `#${id}`),
      // Someone outside the reader's directory (rare: the server names timeline actors itself).
      userName: (id) => (id === null || id === undefined ? '' : names.get(id) ?? '—'),
      learnUsers: (users) => {
        if (users.every((u) => names.get(u.id) === u.name)) return;
        setNames((prev) => new Map([...prev, ...users.map((u) => [u.id, u.name] as const)]));
      },
      can: (action) => (ROLE_ACTIONS[action] as readonly Role[]).includes(user.role),
    };
  }, [user, units, names]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
