import type { Category, PAYMENT_CHANNELS, TicketType } from '../tickets/vocabulary';

/**
 * The demo's case book: what callers report and what the units found and did, one entry per kind
 * of case, in the words a Dalian desk would write. Placeholders are filled per ticket:
 * {place} a town or street of the caller's branch, {amount} yuan, {days}, and from the ticket's
 * time {date} (a few days before the call), {month} (last month's bill), {paid} (the payment).
 */
export type Responsibility = 'company' | 'customer' | 'third_party' | 'none';

/**
 * Where the desk sends the ticket: the caller's branch, its installation-and-maintenance team,
 * or a city department; `desk` cases are answered during the call.
 */
export type Route = 'branch' | 'team' | 'network' | 'billing' | 'desk';

export interface DemoCase {
  type: TicketType;
  category: Category;
  route: Route;
  description: string;
  cause: string;
  resolution: string;
  responsibility: Responsibility;
  /** Service-attitude and mass complaints: the unit's leader handles them in person. */
  leader?: boolean;
  /** Urgent sheet (紧急处理单). */
  urgent?: boolean;
  /** Reconnection: how the caller paid. */
  payments?: readonly (typeof PAYMENT_CHANNELS)[number][];
  /** If the caller is not satisfied the first time: what they say, and the second handling. */
  again?: { complaint: string; cause: string; resolution: string; responsibility: Responsibility };
}

export const CASES: readonly DemoCase[] = [
  // 服务态度
  {
    type: 'complaint', category: 'service_attitude', route: 'branch', leader: true,
    description: '用户反映{date}在{place}营业厅办理套餐变更时，营业员态度生硬、不耐烦，未解释清楚资费就让其签字，要求营业厅道歉。',
    cause: '营业员服务意识淡薄，业务解释不到位',
    resolution: '分公司经理带当事营业员上门当面致歉，重新讲解套餐资费，用户接受道歉；对该营业员通报批评并组织营业厅服务规范培训。',
    responsibility: 'company',
    again: { complaint: '用户表示道歉流于形式，要求分公司书面答复', cause: '首次处理未让用户感受到诚意', resolution: '分公司经理再次上门，递交书面致歉函并说明整改措施，用户表示满意。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'service_attitude', route: 'team', leader: true,
    description: '用户反映装维人员{date}上门修机迟到两个多小时，未提前电话告知，用户询问时还出言顶撞。',
    cause: '装维人员未按预约时间上门，沟通方式不当',
    resolution: '分公司主任上门赔礼道歉，当场修复故障；按服务考核办法对装维人员扣分处理，并在班组例会上作为反面案例通报。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'service_attitude', route: 'branch', leader: true,
    description: '用户反映收费员在{place}上门催缴欠费时说话难听，当着邻居的面让其下不来台。',
    cause: '收费员催缴方式简单粗暴',
    resolution: '分公司领导与收费员一同上门致歉，调整该片区催缴人员，重申文明催费要求。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'service_attitude', route: 'branch',
    description: '用户反映营业员拒绝为其办理电话过户，认为营业员故意刁难。',
    cause: '用户未携带原机主身份证件，营业员按规定不能受理',
    resolution: '向用户解释过户须原机主到场或提供公证委托书，并告知可预约上门办理，用户表示理解。',
    responsibility: 'none',
  },
  // 网络质量 / 通信障碍
  {
    type: 'complaint', category: 'network_quality', route: 'team',
    description: '用户反映近一周家中固定电话通话有杂音，严重时听不清对方讲话，报修后无人联系。',
    cause: '入户线老化受潮，首次报修工单未及时派发',
    resolution: '更换入户线及接线盒，测试通话正常；向用户说明延误原因并致歉。',
    responsibility: 'company',
    again: { complaint: '用户称下雨天杂音又出现', cause: '分线盒密封不良，雨天进水', resolution: '更换分线盒并做防水处理，连续三天回访测试通话正常。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'network_quality', route: 'network', urgent: true, leader: true,
    description: '{place}一带多名用户同时反映电话和宽带中断（规模性投诉），已超过半天未恢复。',
    cause: '市政道路施工挖断主干光缆',
    resolution: '网络维护中心连夜抢修接续光缆，全部用户恢复通信；向施工单位发函追偿，并对受影响用户减免一天月租。',
    responsibility: 'third_party',
  },
  {
    type: 'complaint', category: 'network_quality', route: 'branch',
    description: '用户反映电话拨不出去已{days}天，报修两次仍未修复，要求减免月租。',
    cause: '电缆交接箱进水造成线对故障，首次修复只处理了入户端',
    resolution: '修复交接箱并更换受损线对，减免当月月租；分公司向用户致歉。',
    responsibility: 'company',
    again: { complaint: '用户表示减免金额不足以弥补损失', cause: '补偿标准未向用户解释清楚', resolution: '分公司经理上门说明补偿标准，另赠送三个月来电显示，用户接受。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'network_quality', route: 'network',
    description: '用户反映在{place}室内手机信号很弱，经常打不通，已持续一个月。',
    cause: '该区域新建高层遮挡，基站覆盖不足',
    resolution: '网络维护中心调整基站天线方位角，并在小区加装室内分布系统，复测信号良好。',
    responsibility: 'company',
  },
  // 计费争议
  {
    type: 'complaint', category: 'billing', route: 'billing',
    description: '用户反映{month}月话费比平时多出{amount}元，称家中没人打过长途，要求核查。',
    cause: '经调取详单核实，为用户家属拨打的国内长途',
    resolution: '向用户提供通话详单并逐条解释计费，用户认可话费；建议其办理长途优惠套餐。',
    responsibility: 'customer',
  },
  {
    type: 'complaint', category: 'billing', route: 'billing',
    description: '用户反映已于上月取消来电显示业务，{month}月仍被扣费{amount}元。',
    cause: '营业系统注销工单未同步至计费系统',
    resolution: '退还多收费用{amount}元，修正计费系统数据，并排查同批次注销工单。',
    responsibility: 'company',
    again: { complaint: '用户称退费没有到账', cause: '退费走下月账单抵扣，未向用户说明', resolution: '改为营业厅现金退费，计费中心电话向用户致歉并解释。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'billing', route: 'billing',
    description: '用户反映宽带包月套餐被按时长计费，{month}月宽带费{amount}元。',
    cause: '套餐开通时资费代码配置错误',
    resolution: '按包月标准重新出账，退还差额，核查同期开通的宽带套餐配置。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'billing', route: 'desk',
    description: '用户对{month}月账单中{amount}元信息服务费有异议，称从未订购。',
    cause: '第三方信息服务提供商的订购记录，用户家中孩子点播',
    resolution: '协调服务提供商退还费用，为用户开通信息服务封锁功能。',
    responsibility: 'third_party',
  },
  // 业务办理
  {
    type: 'complaint', category: 'business_handling', route: 'branch',
    description: '用户反映办理过户往返营业厅三次，每次都被告知缺少材料，要求一次说清。',
    cause: '营业员一次性告知不到位',
    resolution: '安排专人上门补办手续；营业厅公示各项业务所需材料清单，落实首问负责制。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'business_handling', route: 'billing',
    description: '用户反映已办理停机保号，{month}月仍被收取月租{amount}元。',
    cause: '停机保号业务受理时漏录资费变更',
    resolution: '补录业务并退还多收月租，向用户致歉。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'business_handling', route: 'desk',
    description: '用户要求查询名下所有号码，对营业厅要求本人到场表示不满。',
    cause: '按客户资料保护规定须本人持证查询',
    resolution: '向用户解释客户信息保护规定，告知可通过网上营业厅实名查询，用户表示理解。',
    responsibility: 'none',
  },
  // 装移机
  {
    type: 'complaint', category: 'installation', route: 'team',
    description: '用户反映申请移机已过承诺时限{days}天仍未办理，多次催问无结果。',
    cause: '移机工单在系统中流转停滞，未及时派至装维班',
    resolution: '当日完成移机开通，向用户致歉并赠送一个月来电显示；梳理移机工单流程，增加超时提醒。',
    responsibility: 'company',
    again: { complaint: '用户称新址电话有杂音，对移机质量不满', cause: '新址暗线接头松动', resolution: '重新做线并更换墙插，测试正常。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'installation', route: 'branch',
    description: '用户反映{place}新房申请装机已等待两周，一直说没有线路资源。',
    cause: '该小区为新建楼盘，尚未敷设配线电缆',
    resolution: '协调施工队完成小区配线电缆敷设，为用户装机开通，并向用户说明等待原因。',
    responsibility: 'none',
  },
  {
    type: 'complaint', category: 'installation', route: 'team',
    description: '用户反映装机后室内布线凌乱、墙面打孔未清理。',
    cause: '装维人员未按施工规范作业',
    resolution: '装维班长带人上门重新整理布线、清理现场，对当事人员考核扣分。',
    responsibility: 'company',
  },
  // 宽带
  {
    type: 'complaint', category: 'broadband', route: 'team',
    description: '用户反映宽带晚上频繁掉线，网速很慢，投诉多次未解决。',
    cause: '小区交换机端口故障、上联带宽不足',
    resolution: '更换交换机端口并扩容小区上联带宽，连续测速达标。',
    responsibility: 'company',
    again: { complaint: '用户称晚高峰仍然卡顿', cause: '小区上联带宽在晚高峰仍然饱和', resolution: '网络维护中心对该小区进行光纤改造，用户网速稳定。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'broadband', route: 'branch',
    description: '用户反映宽带速率达不到签约的带宽，测速只有一半。',
    cause: '线路距离局端过远，衰减较大',
    resolution: '调整至就近接入点，速率达到签约标准；向用户解释测速方法。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'broadband', route: 'desk',
    description: '用户反映宽带无法上网，认为是网络故障，要求赔偿。',
    cause: '用户电脑感染病毒，网络设置被篡改',
    resolution: '远程指导用户查杀病毒并恢复网络设置，恢复上网。',
    responsibility: 'customer',
  },
  // 欠费停复机
  {
    type: 'complaint', category: 'suspension', route: 'billing', urgent: true,
    description: '用户反映已于{paid}在营业厅缴清欠费，超过24小时仍未复机，影响生意。',
    cause: '复机工单未及时处理',
    resolution: '立即复机并致歉，减免停机期间月租；计费中心加强复机工单时限监控。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'suspension', route: 'billing',
    description: '用户反映未接到任何欠费提醒就被停机，要求说法。',
    cause: '停机前欠费提醒短信发送失败',
    resolution: '向用户致歉并恢复服务，完善停机前通知流程，改为短信加语音双重提醒。',
    responsibility: 'company',
    again: { complaint: '用户要求补偿停机期间的损失', cause: '首次答复未涉及补偿', resolution: '按规定减免停机期间月租并书面致歉，用户接受。', responsibility: 'company' },
  },
  {
    type: 'complaint', category: 'suspension', route: 'billing',
    description: '用户反映银行代扣已扣款，电话仍被停机。',
    cause: '银行划款文件延迟到账',
    resolution: '手工销账复机，与银行核对代扣文件传送时限。',
    responsibility: 'third_party',
  },
  // 其他
  {
    type: 'complaint', category: 'other', route: 'branch',
    description: '用户反映电话号码簿中其单位名称登记错误，客户找不到联系方式。',
    cause: '号簿资料录入错误',
    resolution: '更正号簿资料，114查号台同步更新，向用户致歉。',
    responsibility: 'company',
  },
  {
    type: 'complaint', category: 'other', route: 'desk',
    description: '用户反映{place}营业厅周日不营业，办事不便。',
    cause: '该营业厅周日轮休',
    resolution: '告知用户附近周日营业的营业厅及网上营业厅办理渠道，意见已转营业部门研究。',
    responsibility: 'none',
  },
  // 障碍申告
  {
    type: 'fault', category: 'network_quality', route: 'team',
    description: '{place}用户报修固定电话无拨号音。',
    cause: '户外引入线被大风刮断',
    resolution: '重新敷设引入线，测试拨号音正常。',
    responsibility: 'third_party',
  },
  {
    type: 'fault', category: 'network_quality', route: 'team',
    description: '用户报修电话能打不能接，来电提示空号。',
    cause: '交换机用户数据异常',
    resolution: '网络维护中心修正交换机数据，呼入测试正常。',
    responsibility: 'company',
  },
  {
    type: 'fault', category: 'network_quality', route: 'team',
    description: '用户报修电话串音，能听到别人通话。',
    cause: '配线架跳线错接',
    resolution: '重新跳线，测试无串音。',
    responsibility: 'company',
  },
  {
    type: 'fault', category: 'network_quality', route: 'team',
    description: '用户报修电话有时振铃不响。',
    cause: '用户话机振铃电路故障',
    resolution: '上门测试线路正常，建议用户更换话机，更换后正常。',
    responsibility: 'customer',
  },
  {
    type: 'fault', category: 'broadband', route: 'team',
    description: '{place}用户报修宽带无法上网，光猫信号灯红灯闪烁。',
    cause: '入户光纤弯折，光衰过大',
    resolution: '重新熔接入户光纤，光功率正常，上网恢复。',
    responsibility: 'company',
  },
  {
    type: 'fault', category: 'broadband', route: 'team',
    description: '用户报修宽带频繁断线。',
    cause: '光猫电源适配器老化',
    resolution: '更换光猫电源适配器，观察一天无断线。',
    responsibility: 'none',
  },
  {
    type: 'fault', category: 'broadband', route: 'network', urgent: true,
    description: '{place}整栋楼宽带中断，多户报修。',
    cause: '楼道交换机停电',
    resolution: '协调物业恢复供电，并为交换机加装蓄电池。',
    responsibility: 'third_party',
  },
  {
    type: 'fault', category: 'installation', route: 'team',
    description: '用户报修新装电话开通后无法使用。',
    cause: '开通工单未完成交换数据制作',
    resolution: '补做交换数据，电话开通正常。',
    responsibility: 'company',
  },
  // 复机
  {
    type: 'reconnection', category: 'suspension', route: 'billing',
    description: '用户于{paid}缴清欠费{amount}元，要求尽快恢复通话。',
    payments: ['counter', 'online', 'prepaid_card', 'agent'],
    cause: '欠费停机，用户已缴费',
    resolution: '已复机，拨测通话正常。',
    responsibility: 'none',
  },
  {
    type: 'reconnection', category: 'suspension', route: 'billing',
    description: '用户{paid}通过银行转账缴费{amount}元，称电话仍被停机，要求复机。',
    payments: ['bank'],
    cause: '银行转账到账确认后复机',
    resolution: '核实银行到账后复机，电话恢复正常。',
    responsibility: 'none',
  },
  // 咨询 / 业务办理
  {
    type: 'request', category: 'other', route: 'desk',
    description: '用户咨询宽带包年资费及办理渠道。',
    cause: '业务咨询',
    resolution: '向用户介绍包年资费、优惠期限及可办理的营业厅，用户表示清楚。',
    responsibility: 'none',
  },
  {
    type: 'request', category: 'billing', route: 'desk',
    description: '用户查询{month}月话费明细。',
    cause: '话费查询',
    resolution: '核对身份后告知用户当月话费构成，并介绍详单查询方式。',
    responsibility: 'none',
  },
  {
    type: 'request', category: 'business_handling', route: 'branch',
    description: '用户申请开通来电显示和呼叫转移业务。',
    cause: '新业务申请',
    resolution: '已开通来电显示和呼叫转移，电话告知用户使用方法。',
    responsibility: 'none',
  },
  {
    type: 'request', category: 'billing', route: 'billing',
    description: '用户要求补打{month}月发票并邮寄。',
    cause: '发票补打申请',
    resolution: '已补打发票并邮寄至用户地址。',
    responsibility: 'none',
  },
  {
    type: 'request', category: 'installation', route: 'team',
    description: '用户申请{place}新装宽带一部。',
    cause: '新装申请',
    resolution: '已上门安装并开通宽带，测速正常。',
    responsibility: 'none',
  },
  {
    type: 'request', category: 'business_handling', route: 'desk',
    description: '用户咨询停机保号的办理条件。',
    cause: '业务咨询',
    resolution: '告知办理条件、收费标准及所需材料，用户表示明白。',
    responsibility: 'none',
  },
];

export const DISPATCH_NOTES = ['请尽快联系用户，24小时内反馈处理结果', '用户情绪激动，请单位领导出面处理', '请核实后回复', '用户要求上午上门', '紧急处理单，请立即处理'];
export const BIG_CUSTOMER_NOTE = '大客户绿色通道：请客户经理陪同技术人员立即上门';
export const COMMENTS = ['已电话联系用户，约定明天上午上门', '等待备件，预计明天到货', '单位领导已上门与用户沟通', '用户白天不在家，改约晚上处理', '已与施工单位联系，正在协调'];
export const SATISFIED_NOTES = ['用户表示满意', '用户对处理结果满意，感谢及时处理', '用户表示问题已解决', null];
export const UNREACHABLE_NOTES = ['电话无人接听', '用户手机关机', '占线', '用户不方便接听，约稍后回访'];
export const OWNER_ACTION_NOTES = {
  visit: '上门走访用户，了解诉求并当面说明处理方案',
  apology: '当面向用户赔礼道歉，用户表示接受',
  meeting: '与用户及当事员工面谈，说明整改措施',
} as const;
