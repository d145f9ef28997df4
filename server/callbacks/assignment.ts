/**
 * Balanced assignment: each callback goes to the on-duty agent with the fewest open callbacks at
 * that moment (ties: the lowest user id, so the result is deterministic). Pure, so the rule is
 * tested without a database; the service feeds it the loads read under the assignment lock.
 */
export function balance(loads: ReadonlyMap<number, number>, count: number): (number | null)[] {
  const agents = [...loads.entries()].map(([id, open]) => ({ id, open }));
  if (agents.length === 0) return new Array<number | null>(count).fill(null);
  // A binary heap on (open, id): batches of hundreds over hundreds of agents stay cheap.
  const less = (a: { id: number; open: number }, b: { id: number; open: number }) => a.open < b.open || (a.open === b.open && a.id < b.id);
  const heap = agents.sort((a, b) => (less(a, b) ? -1 : 1));
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  const out: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const top = heap[0]!;
    out.push(top.id);
    top.open += 1;
    siftDown(0);
  }
  return out;
}
