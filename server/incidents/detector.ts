/**
 * The mass-complaint window (规模性投诉): N tickets sharing one key inside `windowSeconds`.
 * Pure, so the window edges are tested without a database.
 */
export interface Candidate {
  id: number;
  createdAt: Date;
}

/**
 * The tickets of the first window (both ends included: a ticket exactly `windowSeconds` after the
 * first still counts) that contains `subjectId` and holds at least `threshold` tickets; [] if none.
 */
export function findBurst(candidates: readonly Candidate[], subjectId: number, threshold: number, windowSeconds: number): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const subject = sorted.find((c) => c.id === subjectId);
  if (!subject) return [];
  const span = windowSeconds * 1000;
  let end = 0;
  for (let start = 0; start < sorted.length; start += 1) {
    const from = sorted[start]!.createdAt.getTime();
    if (from > subject.createdAt.getTime()) break;
    end = Math.max(end, start);
    while (end + 1 < sorted.length && sorted[end + 1]!.createdAt.getTime() - from <= span) end += 1;
    const window = sorted.slice(start, end + 1);
    if (window.length >= threshold && window.includes(subject)) return window;
  }
  return [];
}

/** Causes are typed by people: compare them without case, spacing or trailing punctuation. */
export function normaliseCause(cause: string): string {
  return cause.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[。．.!！,，;；\s]+$/u, '');
}
