import { z } from 'zod';
import { TMF_STATUSES } from './mapping';

/**
 * What the façade reads from TMF621 bodies. TMF objects are extensible (`@type`, `@baseType`,
 * `@schemaLocation` and sub-class fields), so objects are loose: the fields the desk uses are
 * checked, anything else is let through (and what the desk keeps is returned as given).
 */
const str = (max: number) => z.string().trim().min(1).max(max);
const dateTime = z.iso.datetime({ offset: true });

const ref = z.looseObject({ id: str(200).optional(), name: str(200).optional(), href: z.string().max(500).optional() });

const note = z.looseObject({ text: str(4000), author: str(200).optional(), date: dateTime.optional(), id: z.string().max(100).optional() });

/** v5: `{role, partyOrPartyRole: {id, name, @referredType}}`; v4: `{id, name, role, @referredType}` */
const relatedParty = z.looseObject({
  role: str(100).optional(),
  id: str(200).optional(),
  name: str(200).optional(),
  partyOrPartyRole: z.looseObject({ id: str(200), name: str(200).optional() }).optional(),
});

const relatedEntity = z.looseObject({ role: str(100).optional(), id: str(200).optional(), entity: z.looseObject({ id: str(200) }).optional() });

const externalIdentifier = z.looseObject({ id: str(200), owner: str(200).optional(), externalIdentifierType: str(200).optional() });

export const troubleTicketCreate = z.looseObject({
  name: str(200).optional(),
  description: str(4000),
  severity: str(100),
  ticketType: str(100),
  priority: str(100).optional(),
  channel: ref.optional(),
  requestedResolutionDate: dateTime.optional(),
  externalIdentifier: z.array(externalIdentifier).max(10).optional(),
  /** v4 */
  externalId: str(200).optional(),
  note: z.array(note).max(50).optional(),
  relatedParty: z.array(relatedParty).min(1).max(20),
  relatedEntity: z.array(relatedEntity).max(20).optional(),
  troubleTicketCharacteristic: z.array(z.looseObject({ name: str(200) })).max(50).optional(),
  status: z.enum(TMF_STATUSES).optional(),
});

/** PATCH (merge-patch or JSON Patch applied to the current resource): what may change. */
export const troubleTicketPatch = z.looseObject({
  name: str(200).optional(),
  description: str(4000).optional(),
  severity: str(100).optional(),
  ticketType: str(100).optional(),
  priority: str(100).optional(),
  channel: ref.optional(),
  requestedResolutionDate: dateTime.optional(),
  status: z.enum(TMF_STATUSES).optional(),
  statusChangeReason: str(2000).optional(),
  note: z.array(note).max(200).optional(),
  relatedEntity: z.array(relatedEntity).max(20).optional(),
  relatedParty: z.array(relatedParty).max(20).optional(),
  troubleTicketCharacteristic: z.array(z.looseObject({ name: str(200) })).max(50).optional(),
});

export const hubCreate = z.looseObject({
  callback: z.url({ protocol: /^https?$/ }).max(1000),
  query: z.string().max(1000).optional(),
});

export const listQuery = z.looseObject({
  fields: z.string().max(1000).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export type TroubleTicketCreate = z.output<typeof troubleTicketCreate>;
export type TroubleTicketPatch = z.output<typeof troubleTicketPatch>;
export type RelatedPartyInput = z.output<typeof relatedParty>;
