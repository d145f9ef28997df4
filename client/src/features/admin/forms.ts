import { App } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import type { AdminText } from './texts';

/** Field errors of a problem answer by path, and one line for a toast. */
export function problemOf(error: unknown): { fields: Record<string, string>; line: string } {
  if (!(error instanceof ApiError)) throw error;
  const list = error.problem.errors ?? [];
  return { fields: Object.fromEntries(list.map((e) => [e.path, e.message])), line: list.map((e) => `${e.path}: ${e.message}`).join('; ') || error.message };
}

/** A form's server-side field errors: `submit` runs a write, shows what failed next to each field and in a toast. */
export function useServerErrors(a: AdminText) {
  const { message } = App.useApp();
  const [fields, setFields] = useState<Record<string, string>>({});
  return {
    field: (path: string) => ({ validateStatus: fields[path] ? ('error' as const) : undefined, help: fields[path] }),
    async submit(write: () => Promise<void>, onProblem?: (error: ApiError) => boolean): Promise<void> {
      setFields({});
      try {
        await write();
      } catch (error) {
        const problem = problemOf(error);
        setFields(problem.fields);
        if (!(error instanceof ApiError && onProblem?.(error))) message.error(a('error', { detail: problem.line }));
      }
    },
  };
}

