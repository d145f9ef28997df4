import crypto from 'node:crypto';

const CATEGORIES = ['billing', 'network_quality', 'service_attitude', 'business_handling', 'broadband', 'installation'] as const;
const DESCRIPTIONS = [
  '用户反映本月话费异常，多扣费 30 元，要求核实并退还',
  '家中宽带晚间频繁掉线，已重启光猫无效，影响孩子上网课',
  '营业厅工作人员办理携号转网时态度恶劣，用户要求道歉',
  '小区 4G 信号差，室内通话经常中断，持续一周以上',
  '办理套餐变更后仍按旧套餐扣费，要求按新套餐重新计费',
  '预约装机三天未上门，装维人员电话无人接听',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];

/**
 * A hotline complaint as an agent sends it. Phones come from a fixed pool, so the first call of a
 * number registers the customer and later calls find them, as on a real desk.
 */
export function complaint(phonePool: number): Record<string, unknown> {
  const n = crypto.randomInt(phonePool);
  return {
    type: 'complaint',
    category: CATEGORIES[n % CATEGORIES.length],
    channel: 'hotline',
    priority: n % 10 === 0 ? 'urgent' : 'normal',
    description: DESCRIPTIONS[n % DESCRIPTIONS.length],
    customer: {
      phone: `139${String(n).padStart(8, '0')}`,
      name: `${SURNAMES[n % SURNAMES.length]}先生`,
      area: n % 3 === 0 ? 'city' : 'county',
    },
  };
}
