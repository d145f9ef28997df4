import type { Role } from '../auth/permissions';
import type { Random } from './random';

/**
 * The demo operator: China Netcom's Dalian city company as DOMAIN.md describes it: a 10060
 * hotline, a big-customer response centre, network maintenance and billing, and seven district
 * and county branches, each with an installation-and-maintenance team below it.
 */
export type UnitKind = 'company' | 'department' | 'branch' | 'team';

export interface DemoUnit {
  code: string;
  name: string;
  parentCode: string | null;
  area: 'city' | 'county';
  kind: UnitKind;
  /** The latin short name user names are made from. */
  slug: string;
  /** Lines served (fixed, PHS and broadband); the denominator of the fault-report rate. */
  subscribers: number;
  /** Towns and streets the branch serves, for descriptions. */
  places: readonly string[];
}

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  unitCode: string | null;
  /** The unit this user heads, if any. */
  heads: string | null;
}

export interface DemoCustomer {
  phone: string;
  name: string;
  account_no: string;
  area: 'city' | 'county';
  tier: 'standard' | 'vip' | 'big_customer';
  email: string | null;
  unitCode: string;
}

export const CITY = 'DLNC';
export const HOTLINE = 'DLNC-KF';
export const BIG_CUSTOMER_CENTRE = 'DLNC-DKH';
export const NETWORK_CENTRE = 'DLNC-WW';
export const BILLING_CENTRE = 'DLNC-JF';

const department = (code: string, name: string, slug: string): DemoUnit => ({
  code, name, parentCode: CITY, area: 'city', kind: 'department', slug, subscribers: 0, places: [],
});

const BRANCHES: readonly (Omit<DemoUnit, 'kind' | 'parentCode'> & { team: string })[] = [
  { code: 'DLNC-GJZ', name: '甘井子区分公司', team: '甘井子装维班', slug: 'ganjingzi', area: 'city', subscribers: 620_000, places: ['周水子街道', '泉水小区', '红旗街道', '革镇堡街道', '辛寨子街道'] },
  { code: 'DLNC-JZ', name: '金州区分公司', team: '金州装维班', slug: 'jinzhou', area: 'city', subscribers: 480_000, places: ['友谊街道', '拥政街道', '董家沟街道', '大魏家街道', '光明街道'] },
  { code: 'DLNC-LS', name: '旅顺口区分公司', team: '旅顺装维班', slug: 'lvshun', area: 'city', subscribers: 210_000, places: ['水师营街道', '龙王塘街道', '铁山街道', '三涧堡街道', '长城街道'] },
  { code: 'DLNC-WFD', name: '瓦房店市分公司', team: '瓦房店装维班', slug: 'wafangdian', area: 'county', subscribers: 380_000, places: ['复州城镇', '得利寺镇', '李官镇', '太阳街道', '老虎屯镇'] },
  { code: 'DLNC-ZH', name: '庄河市分公司', team: '庄河装维班', slug: 'zhuanghe', area: 'county', subscribers: 330_000, places: ['青堆镇', '大郑镇', '光明山镇', '城山镇', '花园口经济区'] },
  { code: 'DLNC-PLD', name: '普兰店市分公司', team: '普兰店装维班', slug: 'pulandian', area: 'county', subscribers: 290_000, places: ['皮口镇', '城子坦镇', '星台镇', '安波镇', '莲山镇'] },
  { code: 'DLNC-CH', name: '长海县分公司', team: '长海装维班', slug: 'changhai', area: 'county', subscribers: 42_000, places: ['大长山岛镇', '小长山乡', '獐子岛镇', '广鹿乡', '海洋岛'] },
];

export const UNITS: readonly DemoUnit[] = [
  // The city company serves the central districts (中山、西岗、沙河口) itself.
  { code: CITY, name: '大连市分公司', parentCode: null, area: 'city', kind: 'company', slug: 'dalian', subscribers: 1_920_000, places: ['中山区人民路', '西岗区八一路', '沙河口区黄河路'] },
  department(HOTLINE, '客户服务中心（10060热线）', 'kefu'),
  department(BIG_CUSTOMER_CENTRE, '大客户响应中心', 'dakehu'),
  department(NETWORK_CENTRE, '网络维护中心', 'wangwei'),
  department(BILLING_CENTRE, '计费中心', 'jifei'),
  ...BRANCHES.flatMap(({ team, ...b }): DemoUnit[] => [
    { ...b, parentCode: CITY, kind: 'branch' },
    { code: `${b.code}-ZW`, name: team, parentCode: b.code, area: b.area, kind: 'team', slug: `${b.slug}.zw`, subscribers: 0, places: b.places },
  ]),
];

export const unitByCode = (code: string): DemoUnit => {
  const unit = UNITS.find((u) => u.code === code);
  if (!unit) throw new Error(`no demo unit ${code}`);
  return unit;
};

export const branches = (): DemoUnit[] => UNITS.filter((u) => u.kind === 'branch');
export const teamOf = (branch: DemoUnit): DemoUnit => unitByCode(`${branch.code}-ZW`);

// Common surnames of Liaodong (many families came from Shandong: 于, 曲, 姜, 丛, 隋, 宫).
const SURNAMES = '王李张刘孙于赵杨陈曲姜丛隋宫高周吴徐马郭林董梁宋郑谢韩唐冯许邹潘崔毕迟栾修'.split('');
const GIVEN = [
  '伟', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华',
  '建国', '志刚', '丽华', '秀兰', '玉梅', '海燕', '红梅', '立新', '晓东', '春雨', '德胜', '国庆', '海波', '宝山', '淑芬', '凤霞',
  '振东', '丽娜', '佳琪', '文博', '雪梅', '长林', '福顺', '俊峰', '晓丽', '永军', '金凤', '玉兰', '宏伟', '春生', '秋菊', '东升',
];

/** Full names, none repeated, so a demo user or caller can be told apart by name. */
export function nameMaker(rng: Random): () => string {
  const used = new Set<string>();
  return () => {
    for (;;) {
      const name = rng.pick(SURNAMES) + rng.pick(GIVEN);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

export function buildUsers(rng: Random): DemoUser[] {
  const name = nameMaker(rng);
  const users: DemoUser[] = [
    { username: 'sysadmin', name: name(), role: 'admin', unitCode: null, heads: null },
    { username: 'manager', name: name(), role: 'manager', unitCode: CITY, heads: CITY },
  ];
  for (let i = 1; i <= 3; i++) {
    users.push({ username: `supervisor${i}`, name: name(), role: 'supervisor', unitCode: HOTLINE, heads: i === 1 ? HOTLINE : null });
  }
  for (let i = 1; i <= 12; i++) {
    users.push({ username: `agent${String(i).padStart(2, '0')}`, name: name(), role: 'agent', unitCode: HOTLINE, heads: null });
  }
  const staffed: readonly [string, number][] = [[BIG_CUSTOMER_CENTRE, 3], [NETWORK_CENTRE, 3], [BILLING_CENTRE, 2]];
  for (const [code, handlers] of staffed) {
    const unit = unitByCode(code);
    users.push({ username: `head.${unit.slug}`, name: name(), role: 'unit_head', unitCode: code, heads: code });
    for (let i = 1; i <= handlers; i++) users.push({ username: `${unit.slug}${i}`, name: name(), role: 'handler', unitCode: code, heads: null });
  }
  for (const branch of branches()) {
    users.push({ username: `head.${branch.slug}`, name: name(), role: 'unit_head', unitCode: branch.code, heads: branch.code });
    users.push({ username: `${branch.slug}1`, name: name(), role: 'handler', unitCode: branch.code, heads: null });
    // The installation-and-maintenance team does the field work.
    for (let i = 2; i <= 3; i++) users.push({ username: `${branch.slug}${i}`, name: name(), role: 'handler', unitCode: teamOf(branch).code, heads: null });
  }
  // the hotline's phone system: announces ringing calls to agents (caller pop), nothing else
  users.push({ username: 'cti10060', name: '10060话务平台', role: 'integration', unitCode: null, heads: null });
  return users;
}

const COMPANIES = [
  '大连星海船舶配件有限公司', '大连港湾物流有限公司', '金州开发区凯达电子厂', '瓦房店精工轴承配件厂', '庄河市第二高级中学',
  '普兰店市人民医院', '长海县獐子岛水产合作社', '旅顺口区蛇岛宾馆', '甘井子区泉水商城', '大连北方证券营业部',
  '大连华信软件园', '大连滨海大酒店', '金州区农村信用合作社', '庄河市海洋渔业公司', '大连东方建设集团',
  '瓦房店市政府办公室', '大连开发区长城电脑城', '大连远洋货运代理公司', '普兰店市邮政局', '大连金广商业大厦',
  '大连友好广场', '旅顺口区教育局', '长海县人民政府', '甘井子区红旗中学',
];

/**
 * Callers spread over the branches by their subscribers. City numbers are eight digits after the
 * 0411 area code; about half the callers give a mobile number instead.
 */
export function buildCustomers(rng: Random, count: number): DemoCustomer[] {
  const name = nameMaker(rng);
  const weights = branches().map((b) => [b, b.subscribers] as const);
  const phones = new Set<string>();
  const companies = [...COMPANIES];
  const customers: DemoCustomer[] = [];
  while (customers.length < count) {
    const unit = rng.weighted(weights);
    const phone = rng.chance(0.55) ? `0411-8${rng.digits(7)}` : `1${rng.pick(['30', '31', '33', '35', '39', '58', '89'])}${rng.digits(8)}`;
    if (phones.has(phone)) continue;
    phones.add(phone);
    const tier = companies.length > 0 && rng.chance(0.07) ? 'big_customer' : rng.chance(0.1) ? 'vip' : 'standard';
    const person = name();
    const display = tier === 'big_customer'
      ? companies.splice(rng.int(0, companies.length - 1), 1)[0]!
      : rng.chance(0.3) ? `${person[0]}${rng.pick(['先生', '女士'])}` : person;
    customers.push({
      phone,
      name: display,
      account_no: `2102${rng.digits(8)}`,
      area: unit.area,
      tier,
      email: tier === 'big_customer' ? `it${customers.length + 1}@corp.example` : null,
      unitCode: unit.code,
    });
  }
  return customers;
}
