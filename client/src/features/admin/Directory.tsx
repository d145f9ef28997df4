import { Alert, App, Button, Card, Drawer, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode, TreeProps } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError } from '../../api/client';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useQueryState } from '../../router';
import { useSession } from '../../session';
import { formatAt } from '../../time';
import { problemOf, useServerErrors } from './forms';
import type { AdminText } from './texts';

interface AdminUnit {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  head_user_id: number | null;
  area: 'city' | 'county';
  subscribers: number;
  path: string;
  active: boolean;
}
interface AdminUser {
  id: number;
  username: string;
  name: string;
  role: string;
  unit_id: number | null;
  email: string | null;
  active: boolean;
  must_change_password: boolean;
  last_sign_in_at: string | null;
}

const ROLES = ['agent', 'handler', 'unit_head', 'supervisor', 'manager', 'admin'];

function unitTree(units: AdminUnit[], label: (u: AdminUnit) => React.ReactNode): TreeDataNode[] {
  const children = new Map<number | null, AdminUnit[]>();
  for (const u of units) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u]);
  const build = (parent: number | null): TreeDataNode[] => (children.get(parent) ?? []).map((u) => ({ key: u.id, title: label(u), children: build(u.id) }));
  return build(null);
}

/** Units: the tree (drag to move, with the effect on visibility said first), head, area, code, active. */
export function UnitsAdmin({ a }: { a: AdminText }) {
  const { message, modal } = App.useApp();
  const { user } = useSession();
  const editable = user.role === 'admin';
  const [search, setSearch] = useQueryState();
  const units = useLoad(() => api<{ items: AdminUnit[] }>('/api/units'), []);
  const users = useLoad(() => api<{ items: AdminUser[] }>('/api/users'), []);
  const byId = useMemo(() => new Map((units.data?.items ?? []).map((u) => [u.id, u])), [units.data]);
  const selected = byId.get(Number(search.get('unit')));
  const [creating, setCreating] = useState(false);

  if (units.error) return <LoadError error={units.error} path="/api/units" retry={units.reload} />;

  const move = async (unit: AdminUnit, parent: AdminUnit) => {
    const old = unit.parent_id === null ? '—' : byId.get(unit.parent_id)?.name ?? '—';
    modal.confirm({
      title: a('unit.moveTitle', { unit: unit.name, parent: parent.name }),
      content: a('unit.moveEffect', { unit: unit.name, parent: parent.name, old }),
      okText: a('save'),
      cancelText: a('cancel'),
      onOk: async () => {
        try {
          await api(`/api/units/${unit.id}`, { method: 'PATCH', body: { parent_id: parent.id } });
          message.success(a('unit.saved'));
          units.reload();
        } catch (error) {
          message.error(a('error', { detail: problemOf(error).line }));
        }
      },
    });
  };

  const onDrop: TreeProps['onDrop'] = (info) => {
    const dragged = byId.get(Number(info.dragNode.key));
    const target = byId.get(Number(info.node.key));
    if (!dragged || !target) return;
    // dropped onto a node: under it; dropped between nodes: beside it (under its parent)
    const parent = info.dropToGap ? (target.parent_id === null ? undefined : byId.get(target.parent_id)) : target;
    if (parent && parent.id !== dragged.parent_id) void move(dragged, parent);
  };

  return (
    <Space align="start" size="large" className="admin-split" data-testid="units-admin">
      <Card size="small" style={{ minWidth: 340 }} extra={editable && <Button size="small" onClick={() => setCreating(true)} data-testid="unit-new">{a('unit.new')}</Button>}>
        {editable && <Typography.Paragraph type="secondary" style={{ maxWidth: 320 }}>{a('unit.dragHint')}</Typography.Paragraph>}
        <Tree
          draggable={editable ? { icon: false } : false}
          blockNode
          defaultExpandAll
          key={units.data?.items.length}
          selectedKeys={selected ? [selected.id] : []}
          onSelect={(keys) => setSearch({ unit: keys[0] === undefined ? null : String(keys[0]) })}
          onDrop={onDrop}
          treeData={unitTree(units.data?.items ?? [], (u) => (
            <span data-unit={u.code}>{u.name} <span className="muted">{u.code}</span>{!u.active && <Tag style={{ marginLeft: 4 }}>{a('unit.inactive')}</Tag>}</span>
          ))}
        />
      </Card>
      {selected && <UnitForm key={selected.id} unit={selected} users={users.data?.items ?? []} a={a} editable={editable} onSaved={units.reload} />}
      <Drawer open={creating} title={a('unit.new')} onClose={() => setCreating(false)} destroyOnHidden>
        <NewUnit a={a} parentId={selected?.id ?? null} units={units.data?.items ?? []} onCreated={(id) => { setCreating(false); units.reload(); setSearch({ unit: String(id) }); }} />
      </Drawer>
    </Space>
  );
}

function UnitForm({ unit, users, a, editable, onSaved }: { unit: AdminUnit; users: AdminUser[]; a: AdminText; editable: boolean; onSaved(): void }) {
  const { message } = App.useApp();
  const { tv } = useI18n();
  const [draft, setDraft] = useState({ name: unit.name, area: unit.area, head_user_id: unit.head_user_id, subscribers: unit.subscribers });
  const [inUse, setInUse] = useState<string | null>(null);
  const { field, submit } = useServerErrors(a);
  // a head comes from the unit itself or from above it (the nearest head above also owns its cases)
  const candidates = users.filter((u) => u.active && (u.unit_id === unit.id || u.role === 'unit_head'));

  const patch = (body: Record<string, unknown>) => {
    setInUse(null);
    return submit(async () => {
      await api(`/api/units/${unit.id}`, { method: 'PATCH', body });
      message.success(a('unit.saved'));
      onSaved();
    }, (error) => {
      const dependants = (error.problem as { dependants?: { units: number; users: number; open_tickets: number } }).dependants;
      if (!dependants) return false;
      const parts = ([['unit.inUse.units', dependants.units], ['unit.inUse.users', dependants.users], ['unit.inUse.tickets', dependants.open_tickets]] as const)
        .filter(([, n]) => n > 0).map(([key, n]) => a(key, { n }));
      setInUse(a('unit.inUse', { what: parts.join(a('list.separator')) }));
      return true;
    });
  };

  return (
    <Card size="small" title={<span>{unit.name} <span className="muted">{unit.code}</span></span>} style={{ minWidth: 420 }} data-testid="unit-form">
      <Form layout="vertical" disabled={!editable}>
        <Form.Item label={a('unit.code')}><code>{unit.code}</code></Form.Item>
        <Form.Item label={a('calendar.name')} {...field('name')}><Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></Form.Item>
        <Form.Item label={a('unit.area')}>
          <Select value={draft.area} onChange={(area) => setDraft({ ...draft, area })} options={[{ value: 'city', label: a('area.city') }, { value: 'county', label: a('area.county') }]} />
        </Form.Item>
        <Form.Item label={a('unit.head')} {...field('head_user_id')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} value={draft.head_user_id ?? undefined} onChange={(v) => setDraft({ ...draft, head_user_id: v ?? null })}
            options={candidates.map((u) => ({ value: u.id, label: `${u.name} · ${tv('role', u.role)}` }))} data-testid="unit-head" />
        </Form.Item>
        <Form.Item label={a('unit.subscribers')} {...field('subscribers')}>
          <InputNumber min={0} value={draft.subscribers} onChange={(v) => setDraft({ ...draft, subscribers: Number(v ?? 0) })} />
        </Form.Item>
      </Form>
      {inUse && <Alert type="warning" showIcon title={inUse} style={{ marginBottom: 8 }} data-testid="unit-in-use" />}
      {editable && (
        <Space>
          <Button type="primary" onClick={() => patch(draft)} data-testid="unit-save">{a('unit.save')}</Button>
          {unit.active
            ? <Button danger onClick={() => patch({ active: false })} data-testid="unit-deactivate">{a('unit.deactivate')}</Button>
            : <Button onClick={() => patch({ active: true })}>{a('unit.reactivate')}</Button>}
        </Space>
      )}
    </Card>
  );
}

function NewUnit({ a, parentId, units, onCreated }: { a: AdminText; parentId: number | null; units: AdminUnit[]; onCreated(id: number): void }) {
  const [draft, setDraft] = useState({ code: '', name: '', parent_id: parentId, area: 'city' as 'city' | 'county' });
  const { field, submit } = useServerErrors(a);
  const create = () => submit(async () => onCreated((await api<AdminUnit>('/api/units', { method: 'POST', body: draft })).id));
  return (
    <Form layout="vertical" data-testid="unit-create">
      <Form.Item label={a('unit.parent')} {...field('parent_id')}>
        <Select value={draft.parent_id ?? undefined} onChange={(v) => setDraft({ ...draft, parent_id: v ?? null })} allowClear showSearch={{ optionFilterProp: 'label' }}
          options={units.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.name} ${u.code}` }))} />
      </Form.Item>
      <Form.Item label={a('unit.code')} {...field('code')}><Input value={draft.code} onChange={(e) => setDraft({ ...draft, code: e.target.value })} data-testid="unit-code" /></Form.Item>
      <Form.Item label={a('calendar.name')} {...field('name')}><Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="unit-name" /></Form.Item>
      <Form.Item label={a('unit.area')}>
        <Select value={draft.area} onChange={(area) => setDraft({ ...draft, area })} options={[{ value: 'city', label: a('area.city') }, { value: 'county', label: a('area.county') }]} />
      </Form.Item>
      <Button type="primary" onClick={create} data-testid="unit-create-save">{a('save')}</Button>
    </Form>
  );
}

/** Users: filter, create, change role and unit, deactivate, reset the password. */
export function UsersAdmin({ a }: { a: AdminText }) {
  const { t, tv } = useI18n();
  const { user: me } = useSession();
  const editable = me.role === 'admin';
  const [search, setSearch] = useQueryState();
  const role = search.get('role') ?? undefined;
  const unitId = search.get('unit_id') ?? undefined;
  const users = useLoad(() => api<{ items: AdminUser[] }>('/api/users', { query: { role, unit_id: unitId } }), [role, unitId]);
  const units = useLoad(() => api<{ items: AdminUnit[] }>('/api/units'), []);
  const unitName = (id: number | null) => (id === null ? '—' : units.data?.items.find((u) => u.id === id)?.name ?? '');
  const editing = search.get('user');
  const open = editing === 'new' ? null : users.data?.items.find((u) => String(u.id) === editing);

  if (users.error) return <LoadError error={users.error} path="/api/users" retry={users.reload} />;
  return (
    <div data-testid="users-admin">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select allowClear placeholder={a('user.filterRole')} style={{ minWidth: 140 }} value={role} onChange={(v) => setSearch({ role: v ?? null })} options={ROLES.map((r) => ({ value: r, label: tv('role', r) }))} />
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} placeholder={a('user.filterUnit')} style={{ minWidth: 200 }} value={unitId ? Number(unitId) : undefined}
          onChange={(v) => setSearch({ unit_id: v === undefined ? null : String(v) })} options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        {editable && <Button type="primary" onClick={() => setSearch({ user: 'new' })} data-testid="user-new">{a('user.new')}</Button>}
      </Space>
      <Table<AdminUser>
        size="small"
        rowKey="id"
        loading={users.loading}
        dataSource={users.data?.items ?? []}
        pagination={{ pageSize: 50, size: 'small', hideOnSinglePage: true }}
        onRow={(u) => ({ onClick: () => setSearch({ user: String(u.id) }) })}
        columns={[
          { title: a('user.username'), dataIndex: 'username', width: 160, render: (v: string, u) => <a href={`?tab=users&user=${u.id}`} onClick={(e) => { e.preventDefault(); setSearch({ user: String(u.id) }); }}>{v}</a> },
          { title: a('user.name'), dataIndex: 'name', width: 140 },
          { title: a('user.role'), dataIndex: 'role', width: 120, render: (r: string) => tv('role', r) },
          { title: a('user.unit'), dataIndex: 'unit_id', render: (id: number | null) => unitName(id) },
          { title: a('user.email'), dataIndex: 'email', width: 220 },
          { title: a('user.active'), dataIndex: 'active', width: 90, render: (on: boolean) => (on ? <Tag color="green">{a('unit.active')}</Tag> : <Tag>{a('unit.inactive')}</Tag>) },
          {
            title: t('users.lastSignIn'), dataIndex: 'last_sign_in_at', width: 170,
            render: (at: string | null, u) => (
              <span data-testid={`last-sign-in-${u.username}`}>
                {at ? formatAt(at, 'YYYY-MM-DD HH:mm') : <span className="muted">{t('users.never')}</span>}
                {u.must_change_password && <Tag color="orange" style={{ marginLeft: 4 }}>{t('users.mustChange')}</Tag>}
              </span>
            ),
          },
        ]}
      />
      <Drawer open={editing !== null} title={open ? `${a('user.edit')} · ${open.username}` : a('user.new')} onClose={() => setSearch({ user: null })} destroyOnHidden size="large">
        {editing !== null && <UserForm key={editing} user={open ?? null} units={units.data?.items ?? []} a={a} editable={editable} onSaved={() => { users.reload(); setSearch({ user: null }); }} />}
      </Drawer>
    </div>
  );
}

function UserForm({ user, units, a, editable, onSaved }: { user: AdminUser | null; units: AdminUnit[]; a: AdminText; editable: boolean; onSaved(): void }) {
  const { message } = App.useApp();
  const { tv } = useI18n();
  const [draft, setDraft] = useState({
    username: user?.username ?? '', name: user?.name ?? '', role: user?.role ?? 'handler', unit_id: user?.unit_id ?? null, email: user?.email ?? '', active: user?.active ?? true, password: '',
  });
  const { field, submit } = useServerErrors(a);
  const save = () => submit(async () => {
    const common = { name: draft.name, role: draft.role, unit_id: draft.unit_id, email: draft.email || null };
    if (user) await api(`/api/users/${user.id}`, { method: 'PATCH', body: { ...common, active: draft.active, ...(draft.password ? { password: draft.password } : {}) } });
    else await api('/api/users', { method: 'POST', body: { ...common, username: draft.username, password: draft.password } });
    message.success(a('user.saved'));
    onSaved();
  });
  return (
    <Form layout="vertical" disabled={!editable} data-testid="user-form">
      {!user && <Form.Item label={a('user.username')} {...field('username')}><Input value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} data-testid="user-username" /></Form.Item>}
      <Form.Item label={a('user.name')} {...field('name')}><Input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="user-name" /></Form.Item>
      <Form.Item label={a('user.role')} {...field('role')}>
        <Select value={draft.role} onChange={(r) => setDraft({ ...draft, role: r })} options={ROLES.map((r) => ({ value: r, label: tv('role', r) }))} data-testid="user-role" />
      </Form.Item>
      <Form.Item label={a('user.unit')} {...field('unit_id')}>
        <Select allowClear showSearch={{ optionFilterProp: 'label' }} value={draft.unit_id ?? undefined} onChange={(v) => setDraft({ ...draft, unit_id: v ?? null })}
          options={units.filter((u) => u.active || u.id === draft.unit_id).map((u) => ({ value: u.id, label: `${u.name} ${u.code}` }))} data-testid="user-unit" />
      </Form.Item>
      <Form.Item label={a('user.email')} {...field('email')}><Input value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} /></Form.Item>
      <Form.Item label={a('user.password')} extra={user ? a('user.passwordHint') : undefined} {...field('password')}>
        <Input.Password value={draft.password} autoComplete="new-password" onChange={(e) => setDraft({ ...draft, password: e.target.value })} data-testid="user-password" />
      </Form.Item>
      {user && <Form.Item label={a('user.active')}><Switch checked={draft.active} onChange={(on) => setDraft({ ...draft, active: on })} /></Form.Item>}
      {editable && <Button type="primary" onClick={save} data-testid="user-save">{a('user.save')}</Button>}
    </Form>
  );
}
