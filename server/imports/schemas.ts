import { z } from 'zod';
import { ROLES } from '../auth/permissions';
import { area, email, phone } from '../http/schemas';
import { tier } from '../customers/schemas';

export const IMPORT_KINDS = ['units', 'users', 'customers'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const importParams = z.object({ kind: z.enum(IMPORT_KINDS) }).strict();
export const importQuery = z
  .object({ dry_run: z.enum(['true', 'false']).default('false').transform((v) => v === 'true').describe('true: check the whole file, write nothing') })
  .strict();

export const importResultSchema = z
  .object({
    id: z.number().int().nullable().describe('the import batch (null for a dry run)'),
    kind: z.enum(IMPORT_KINDS),
    dry_run: z.boolean(),
    replayed: z.boolean().describe('this file (or Idempotency-Key) was imported before: nothing was written again'),
    rows: z.number().int(),
    created: z.number().int().describe('rows whose key was new (dry run: would be created)'),
    updated: z.number().int().describe('rows whose key existed and whose values changed (dry run: whose key exists)'),
    unchanged: z.number().int().describe('rows that matched what is stored already'),
  })
  .meta({ id: 'ImportResult' });

/** An empty cell is an absent value: it keeps what is stored (or takes the default for a new row). */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const required = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema);
const code = z.string().trim().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and -, at most 32');
const areaCell = z.preprocess((v) => ({ 城区: 'city', 市区: 'city', 县: 'county', 县域: 'county' } as Record<string, string>)[String(v)] ?? v, area);
const name = z.string().trim().min(1).max(100);

export const unitRow = z.object({
  code: required(code),
  name: optional(name),
  parent_code: optional(code),
  area: optional(areaCell),
});

export const userRow = z.object({
  username: required(z.string().trim().regex(/^[A-Za-z0-9_.-]{2,40}$/, 'letters, digits, _ . -; 2 to 40')),
  name: optional(name),
  role: optional(z.enum(ROLES)),
  unit_code: optional(code),
  email: optional(email),
  password: optional(z.string().max(200)),
});

export const customerRow = z.object({
  phone: required(phone),
  name: optional(name),
  account_no: optional(z.string().trim().regex(/^[A-Za-z0-9-]{1,32}$/, 'letters, digits and -, at most 32')),
  area: optional(areaCell),
  tier: optional(z.preprocess((v) => ({ 普通: 'standard', 贵宾: 'vip', 大客户: 'big_customer' } as Record<string, string>)[String(v)] ?? v, tier)),
  email: optional(email),
  unit_code: optional(code),
});

/** Column names each kind accepts: the field names, and the console's Chinese headings. */
export const COLUMNS = {
  units: { 'code': 'code', 编码: 'code', 单位编码: 'code', name: 'name', 名称: 'name', 单位名称: 'name', parent_code: 'parent_code', 上级编码: 'parent_code', area: 'area', 区域: 'area' },
  users: {
    username: 'username', 登录名: 'username', name: 'name', 姓名: 'name', role: 'role', 角色: 'role', unit_code: 'unit_code', 单位编码: 'unit_code',
    email: 'email', 邮箱: 'email', password: 'password', 初始密码: 'password',
  },
  customers: {
    phone: 'phone', 电话: 'phone', 号码: 'phone', name: 'name', 姓名: 'name', 客户名称: 'name', account_no: 'account_no', 账号: 'account_no',
    area: 'area', 区域: 'area', tier: 'tier', 等级: 'tier', email: 'email', 邮箱: 'email', unit_code: 'unit_code', 单位编码: 'unit_code',
  },
} as const satisfies Record<ImportKind, Record<string, string>>;

export const REQUIRED_COLUMNS: Record<ImportKind, readonly string[]> = { units: ['code'], users: ['username'], customers: ['phone'] };

export type UnitImportRow = z.output<typeof unitRow>;
export type UserImportRow = z.output<typeof userRow>;
export type CustomerImportRow = z.output<typeof customerRow>;
export type ImportResult = z.output<typeof importResultSchema>;
