/** The placeholders a reply template may hold, filled from the ticket (and the person using it). */
export const PLACEHOLDERS = ['customer_name', 'customer_phone', 'ticket_number', 'due_at', 'unit', 'agent_name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const TOKEN = /\{([a-z_]+)\}/g;

/** Placeholders in a body that are not in the list (a typo would reach the customer verbatim). */
export function unknownPlaceholders(body: string): string[] {
  return [...body.matchAll(TOKEN)].map((m) => m[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** Fills what is known; an unknown value leaves its placeholder for the person to complete. */
export function fill(body: string, values: Partial<Record<Placeholder, string | null>>): string {
  return body.replace(TOKEN, (whole, name: string) => values[name as Placeholder] ?? whole);
}
