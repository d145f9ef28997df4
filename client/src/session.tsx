import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { Action, Person, SignedIn, Unit } from './api/types';
import { useResync } from './realtime/socket';

interface Session {
  user: SignedIn;
  units: Unit[];
  unitName(id: number | null | undefined): string;
  /** Names of colleagues the console knows (the directory, where the role may read it). */
  userName(id: number | null | undefined): string;
  learnUsers(users: { id: number; name: string }[]): void;
  /** Whether the server lets this user take the action (server/auth/permissions.ts, told by GET /api/auth/me). */
  can(action: Action): boolean;
}


const Context = createContext<Session | null>(null);

export function SessionProvider({ user, children }: { user: SignedIn; children: ReactNode }) {
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
      can: (action) => user.actions.includes(action),
    };
  }, [user, units, names]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useSession(): Session {
  const value = useContext(Context);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
