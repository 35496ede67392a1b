// The pages inside the main layout, in menu order, each with the permission it needs
// (docs/API.md "Roles and permissions"). The side menu and the routes are built from this;
// pages.js lists the pages reached from these (a child's file, its form...).
import { HomeFilled, Files, MapLocation, OfficeBuilding, User, Lock, Tickets, Document } from '@element-plus/icons-vue'
import { Calendar, List, Bell, Notebook, Setting } from '@element-plus/icons-vue'
import { Briefcase, WarnTriangleFilled } from '@element-plus/icons-vue'
import { Memo, Reading, FirstAidKit, Tools } from '@element-plus/icons-vue'

export const MENU = [
  { path: '/', name: 'home', title: '首页', icon: HomeFilled, permission: null, component: () => import('../views/HomeView.vue') },
  // The child director's offline workspace (phones; views/work/, offline/).
  { path: '/work', name: 'work', title: '我的工作台', icon: Briefcase, permission: 'child:write', component: () => import('../views/work/WorkView.vue') },
  { path: '/children', name: 'children', title: '儿童档案', icon: Files, permission: 'child:read', component: () => import('../views/ChildrenView.vue') },
  // Issue 4 (走访): the caseworkers' pages (child:write goes with child:read), the county's settings.
  { path: '/schedule', name: 'schedule', title: '走访计划', icon: Calendar, permission: 'child:write', component: () => import('../views/ScheduleView.vue') },
  { path: '/problems', name: 'problems', title: '问题跟进', icon: List, permission: 'child:write', component: () => import('../views/ProblemsView.vue') },
  { path: '/warnings', name: 'warnings', title: '预警', icon: Bell, permission: 'child:write', component: () => import('../views/WarningsView.vue') },
  // Issue 5: mandatory reports (强制报告) — every unit files (report:file: county, town, director,
  // school, dept, volunteer); the tabs inside follow report:handle and the role.
  { path: '/reports', name: 'reports', title: '强制报告', icon: WarnTriangleFilled, permission: 'report:file', component: () => import('../views/reports/ReportsView.vue') },
  { path: '/work-logs', name: 'work-logs', title: '工作日志', icon: Notebook, permission: 'child:write', component: () => import('../views/WorkLogView.vue') },
  // Issue 5 (保护): the guardianship-case register, family-education coverage, psychological referrals.
  { path: '/cases', name: 'cases', title: '专项台账', icon: Memo, permission: 'guard:read', component: () => import('../views/protect/CaseRegisterView.vue') },
  { path: '/family-education', name: 'family-education', title: '家庭教育指导', icon: Reading, permission: 'guard:read', component: () => import('../views/protect/FamilyEduCoverageView.vue') },
  { path: '/psych-referrals', name: 'psych-referrals', title: '心理转介', icon: FirstAidKit, permission: 'psych:read', component: () => import('../views/protect/PsychReferralsView.vue') },
  { path: '/settings/visits', name: 'visit-settings', title: '走访设置', icon: Setting, permission: 'visit:settings', component: () => import('../views/VisitSettingsView.vue') },
  { path: '/settings/protection', name: 'protect-settings', title: '保护设置', icon: Tools, permission: 'case:settings', component: () => import('../views/protect/ProtectSettingsView.vue') },
  { path: '/regions', name: 'regions', title: '区划浏览', icon: MapLocation, permission: 'region:read', component: () => import('../views/RegionsView.vue') },
  { path: '/orgs', name: 'orgs', title: '机构管理', icon: OfficeBuilding, permission: 'org:read', component: () => import('../views/OrgsView.vue') },
  { path: '/users', name: 'users', title: '用户管理', icon: User, permission: 'user:read', component: () => import('../views/UsersView.vue') },
  { path: '/security', name: 'security', title: '安全设置', icon: Lock, permission: 'security:settings', component: () => import('../views/SecuritySettingsView.vue') },
  { path: '/login-log', name: 'login-log', title: '登录日志', icon: Tickets, permission: 'audit:read', component: () => import('../views/LoginLogView.vue') },
  { path: '/audit-log', name: 'audit-log', title: '审计日志', icon: Document, permission: 'audit:read', component: () => import('../views/AuditLogView.vue') },
]
