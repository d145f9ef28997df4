import type { components } from '../../api/schema.gen';

export type ReplyTemplate = components['schemas']['ReplyTemplate'];
export type TicketCause = components['schemas']['TicketCause'];
export type TemplatePurpose = ReplyTemplate['purpose'];
export const TEMPLATE_PURPOSES = ['description', 'resolution', 'comment'] as const satisfies readonly TemplatePurpose[];
/** What the server fills from a ticket (GET /api/reply-templates?ticket_id=); intake fills what it knows itself. */
export const PLACEHOLDERS = ['customer_name', 'customer_phone', 'ticket_number', 'due_at', 'unit', 'agent_name'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Fills the known placeholders; the others stay for the agent to complete. */
export function fillPlaceholders(body: string, values: Partial<Record<Placeholder, string | undefined>>): string {
  return body.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name as Placeholder] || whole);
}
