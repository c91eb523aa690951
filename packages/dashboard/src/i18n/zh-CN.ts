import type { LabelledEnums } from '../graphql/enums';

/** `BedKind.ICU`, `InstitutionKind.COMMUNITY_HEALTH_CENTRE`, ...: one key per labelled enum value. */
export type EnumLabelKey = { [E in keyof LabelledEnums]: `${E}.${LabelledEnums[E]}` }[keyof LabelledEnums];

/**
 * The default (and source) dictionary. Its keys define `MessageKey`; every other language must
 * provide exactly these keys (see `en.ts`). `{name}` placeholders are filled by `t(key, vars)`.
 * The `satisfies` clause makes a missing enum label a compile error here, not a blank cell later.
 */
export const zhCN = {
  'app.title': '医联',
  'app.subtitle': '医联体协同看板',
  'lang.label': '界面语言',
  'lang.zh-CN': '中文',
  'lang.en': 'English',

  'error.network': '无法连接服务器，请稍后重试。',
  'error.unknown': '发生未知错误，请稍后重试。',

  'login.title': '登录医联',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.expired': '登录已失效，请重新登录。',
  'login.demoHint': '演示账号（密码均为 {password}）：',
  'login.demo.coordinator': '医联体协调员',
  'login.demo.admin': '系统管理员',
  'login.demo.specialist': '心血管内科值班专家',
  'login.demo.gp': '社区卫生服务中心全科医生',

  'header.signedInAs': '当前用户',
  'header.logout': '退出登录',

  'nav.label': '主导航',
  'nav.skip': '跳到主要内容',
  'nav.beds': '床位总览',
  'nav.referrals': '转诊队列',
  'nav.indicators': '运行指标',
  'nav.members': '成员单位',
  'connection.label': '实时连接',
  'connection.connecting': '正在连接',
  'connection.live': '实时',
  'connection.reconnecting': '正在重连',
  'connection.offline': '离线',
  'connection.offlineHint': '网络中断，恢复后自动补齐数据',
  'shell.loading': '正在加载…',
  'shell.error': '无法加载当前用户：{message}',
  'shell.notFound': '没有这个页面。',
  'shell.notAllowed': '当前角色不能打开这个页面。',
  'shell.home': '返回首页',
  'page.loading': '正在加载页面…',

  'board.heading': '床位总览',
  'board.totals': '全医联体各类床位',
  'board.freeOf': '空闲，共 {total} 张',
  'board.legend':
    '每格：大字为空闲床位；预留 · 占用 / 合计；使用率 =（占用 + 预留）÷ 合计，≥75% 紧张，≥90% 告急。点击单位名称查看科室。',
  'board.caption': '各成员单位按床位类型的空闲、预留和占用床位',
  'board.member': '成员单位',
  'board.all': '合计',
  'board.cellDetail': '预留 {held} · 占用 {occupied} / {total}',

  'members.heading': '成员单位',
  'members.loading': '正在加载成员单位…',
  'members.error': '加载失败：{message}',
  'members.retry': '重试',
  'members.noAlliance': '当前账号没有可见的医联体。',
  'alliance.core': '核心医院：{name}',
  'alliance.memberCount': '成员单位 {count} 家',
  'alliance.partial': '显示前 {shown} 家，共 {total} 家',

  'member.phone': '双向转诊办公室',
  'member.phoneMissing': '未登记',
  'member.beds': '床位（各科室合计）',
  'member.noBeds': '暂无床位数据',
  'member.updatedAt': '更新于 {time}',

  'beds.kind': '床位类型',
  'beds.available': '空闲',
  'beds.held': '预留',
  'beds.occupied': '占用',
  'beds.total': '合计',
  'beds.occupancy': '使用率',
  'beds.legend': '使用率 =（占用 + 预留）÷ 合计；≥75% 紧张，≥90% 告急',
  'pressure.low': '宽松',
  'pressure.medium': '紧张',
  'pressure.high': '告急',
  'pressure.none': '无床位',

  'Role.COORDINATOR': '医联体协调员',
  'Role.SPECIALIST': '专科医生',
  'Role.REFERRING_DOCTOR': '转诊医生',
  'Role.PARTNER_APP': '成员单位系统',
  'Role.ADMIN': '系统管理员',

  'AllianceKind.URBAN_MEDICAL_GROUP': '城市医疗集团',
  'AllianceKind.COUNTY_MEDICAL_COMMUNITY': '县域医共体',
  'AllianceKind.SPECIALTY_ALLIANCE': '专科联盟',
  'AllianceKind.TELEMEDICINE_NETWORK': '远程医疗协作网',

  'Integration.TIGHT': '紧密型',
  'Integration.LOOSE': '松散型',

  'InstitutionTier.TERTIARY': '三级',
  'InstitutionTier.SECONDARY': '二级',
  'InstitutionTier.PRIMARY': '一级',

  'InstitutionKind.GENERAL_HOSPITAL': '综合医院',
  'InstitutionKind.SPECIALTY_HOSPITAL': '专科医院',
  'InstitutionKind.TCM_HOSPITAL': '中医医院',
  'InstitutionKind.COMMUNITY_HEALTH_CENTRE': '社区卫生服务中心',
  'InstitutionKind.TOWNSHIP_HEALTH_CENTRE': '乡镇卫生院',
  'InstitutionKind.VILLAGE_CLINIC': '村卫生室',
  'InstitutionKind.REHABILITATION_CENTRE': '康复医院',
  'InstitutionKind.NURSING_HOME': '护理院',

  'MemberRole.CORE': '核心医院',
  'MemberRole.PARTNER': '成员单位',

  'BedKind.GENERAL': '普通床位',
  'BedKind.ICU': '重症监护',
  'BedKind.REHABILITATION': '康复床位',
  'BedKind.ELDERLY_CARE': '老年护理',
  'BedKind.PALLIATIVE': '安宁疗护',
  'BedKind.PAEDIATRIC': '儿科床位',
  'BedKind.MATERNITY': '产科床位',
  'BedKind.ISOLATION': '隔离床位',

  'BedStatus.AVAILABLE': '空闲',
  'BedStatus.HELD': '预留',
  'BedStatus.OCCUPIED': '占用',
  'BedStatus.CLEANING': '清洁中',
  'BedStatus.CLOSED': '停用',

  'ReferralStatus.SUBMITTED': '待接收',
  'ReferralStatus.ACCEPTED': '已接收',
  'ReferralStatus.SCHEDULED': '已预约',
  'ReferralStatus.ARRIVED': '已到院',
  'ReferralStatus.COMPLETED': '已完成',
  'ReferralStatus.REJECTED': '已拒绝',
  'ReferralStatus.CANCELLED': '已撤销',
  'ReferralStatus.EXPIRED': '已超时',

  'ReferralUrgency.EMERGENCY': '急诊（绿色通道）',
  'ReferralUrgency.URGENT': '加急',
  'ReferralUrgency.ROUTINE': '普通',

  'ReferralDirection.UPWARD': '上转',
  'ReferralDirection.DOWNWARD': '下转',
  'ReferralDirection.LATERAL': '平转',

  'ReferralEventType.CREATED': '发起转诊',
  'ReferralEventType.ACCEPTED': '接收',
  'ReferralEventType.REDIRECTED': '改派',
  'ReferralEventType.REJECTED': '拒绝',
  'ReferralEventType.SCHEDULED': '预约号源',
  'ReferralEventType.CLAIMED': '专家认领',
  'ReferralEventType.RELEASED': '释放号源',
  'ReferralEventType.ARRIVED': '患者到院',
  'ReferralEventType.COMPLETED': '诊疗完成',
  'ReferralEventType.CANCELLED': '撤销',
  'ReferralEventType.EXPIRED': '超时未答复',

  'SlotStatus.OPEN': '可预约',
  'SlotStatus.BOOKED': '已预约',
  'SlotStatus.RELEASED': '已释放',
  'SlotStatus.CANCELLED': '已取消',
} satisfies Record<EnumLabelKey, string> & Record<string, string>;

/** Every translatable string's key. */
export type MessageKey = keyof typeof zhCN;

/** A complete dictionary: all keys of the zh-CN source, no more, no fewer. */
export type Messages = Readonly<Record<MessageKey, string>>;
