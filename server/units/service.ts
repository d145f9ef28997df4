import type { Principal } from '../auth/permissions';
import { writeAudit } from '../audit';
import type { Deps } from '../deps';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work';
import { errors } from '../http/errors';
import type { Knex } from 'knex';
import { HEAD_ROLES } from '../users/service';
import { unitsRepository, type UnitRow } from './repository';
import type { CreateUnitInput, UnitView, UpdateUnitInput } from './schemas';

export function toUnitView(row: UnitRow): UnitView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    parent_id: row.parent_id,
    head_user_id: row.head_user_id,
    area: row.area,
    subscribers: row.subscribers,
    path: row.path,
    active: row.active,
  };
}

export function createUnitsService(deps: Deps) {
  const { knex, bus, clock } = deps;

  /** A unit's head is an active leader (unit head, supervisor or manager) who belongs to that unit. */
  async function checkHead(trx: Knex.Transaction, headUserId: number | null | undefined, unitId: number | null) {
    if (headUserId == null) return;
    const head = await trx('users').where({ id: headUserId, active: true }).first<{ unit_id: number | null; role: string } | undefined>('unit_id', 'role');
    if (!head) throw errors.rule(`user ${headUserId} does not exist`, { errors: [{ path: 'head_user_id', message: 'no such active user' }] });
    if (unitId === null || head.unit_id === null || Number(head.unit_id) !== unitId) {
      throw errors.rule(`user ${headUserId} does not belong to this unit`, { code: 'head_not_in_unit', errors: [{ path: 'head_user_id', message: 'must be a member of the unit' }] });
    }
    if (!HEAD_ROLES.has(head.role)) {
      throw errors.rule(`a ${head.role} cannot head a unit`, { code: 'head_role', errors: [{ path: 'head_user_id', message: 'must be a unit head, supervisor or manager' }] });
    }
  }

  async function checkParent(trx: Knex.Transaction, parentId: number | null | undefined): Promise<UnitRow | undefined> {
    if (parentId == null) return undefined;
    const parent = await unitsRepository.find(trx, parentId);
    if (!parent) throw errors.rule(`unit ${parentId} does not exist`, { errors: [{ path: 'parent_id', message: 'no such unit' }] });
    return parent;
  }

  return {
    async list(): Promise<UnitView[]> {
      return (await unitsRepository.list(knex)).map(toUnitView);
    },

    async create(actor: Principal, input: CreateUnitInput, outer?: UnitOfWork): Promise<UnitView> {
      return inTransaction(knex, bus, async ({ trx }) => {
        await checkParent(trx, input.parent_id);
        // a unit being created has no members yet: its head is named once someone is moved in
        await checkHead(trx, input.head_user_id, null);
        const now = clock.now();
        const existing = await trx('units').where({ code: input.code }).first();
        if (existing) throw errors.conflict(`unit code ${input.code} is taken`, { errors: [{ path: 'code', message: 'taken' }] });
        const row = await unitsRepository.insert(trx, {
          code: input.code,
          name: input.name,
          parent_id: input.parent_id ?? null,
          area: input.area,
          head_user_id: input.head_user_id ?? null,
          subscribers: input.subscribers ?? 0,
          created_at: now,
          updated_at: now,
        });
        await writeAudit(trx, { at: now, actorId: actor.id, entity: 'unit', entityId: row.id, action: 'created', data: { ...input } });
        return toUnitView(row);
      }, outer);
    },

    async update(actor: Principal, unitId: number, input: UpdateUnitInput, outer?: UnitOfWork): Promise<UnitView> {
      return inTransaction(knex, bus, async ({ trx, emit }) => {
        // Moves lock the whole table briefly: path rewrites must not interleave.
        if (input.parent_id !== undefined) await trx.raw('LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE');
        const current = await unitsRepository.findForUpdate(trx, unitId);
        if (!current) throw errors.notFound(`unit ${unitId}`);
        await checkHead(trx, input.head_user_id, unitId);
        const now = clock.now();
        const changes: Partial<UnitRow> = { updated_at: now };
        if (input.name !== undefined) changes.name = input.name;
        if (input.area !== undefined) changes.area = input.area;
        if (input.subscribers !== undefined) changes.subscribers = input.subscribers;
        if (input.head_user_id !== undefined) changes.head_user_id = input.head_user_id;
        if (input.active === false && current.active) {
          const left = await unitsRepository.dependants(trx, current);
          const blocking = Object.entries(left).filter(([, n]) => n > 0);
          if (blocking.length > 0) {
            throw errors.rule(`the unit still has ${blocking.map(([what, n]) => `${n} ${what.replace('_', ' ')}`).join(', ')}`, {
              code: 'unit_in_use', dependants: left, errors: [{ path: 'active', message: 'move or deactivate what depends on the unit first' }],
            });
          }
        }
        if (input.active !== undefined) changes.active = input.active;
        if (input.parent_id !== undefined && input.parent_id !== current.parent_id) {
          const parent = await checkParent(trx, input.parent_id);
          if (parent && parent.path.startsWith(current.path)) {
            throw errors.rule('a unit cannot move under itself or its own subtree', {
              errors: [{ path: 'parent_id', message: 'would make a cycle' }],
            });
          }
          const newPath = `${parent?.path ?? '/'}${unitId}/`;
          await unitsRepository.repath(trx, current.path, newPath);
          changes.parent_id = input.parent_id;
        }
        const row = await unitsRepository.update(trx, unitId, changes);
        await writeAudit(trx, { at: now, actorId: actor.id, entity: 'unit', entityId: unitId, action: 'updated', data: { ...input } });
        emit({ type: 'directory.changed', at: now.toISOString(), actorId: actor.id, entity: 'unit', entityId: unitId });
        return toUnitView(row);
      }, outer);
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
