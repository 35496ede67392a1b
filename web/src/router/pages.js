// Pages inside the main layout that are not menu entries, each with the permission it needs.
// The side menu marks the entry whose path starts these paths (/children/... → 儿童档案).
export const PAGES = [
  { path: '/children/new', name: 'child-new', title: '新增儿童', permission: 'child:write', component: () => import('../views/ChildEditView.vue') },
  { path: '/children/import', name: 'child-import', title: '批量导入', permission: 'child:import', component: () => import('../views/ChildImportView.vue') },
  { path: '/children/:id(\\d+)', name: 'child', title: '儿童档案', permission: 'child:read', component: () => import('../views/ChildFileView.vue') },
  { path: '/children/:id(\\d+)/edit', name: 'child-edit', title: '编辑档案', permission: 'child:write', component: () => import('../views/ChildEditView.vue') },
  // A mandatory report: the filing form, one report (the caller's view; 404 → not found).
  { path: '/reports/new', name: 'report-new', title: '填报强制报告', permission: 'report:file', component: () => import('../views/reports/ReportNewView.vue') },
  { path: '/reports/:id(\\d+)', name: 'report', title: '强制报告', permission: 'report:file', component: () => import('../views/reports/ReportDetailView.vue') },
  // The offline workspace (我的工作台): a child, my open problems, records waiting to be sent.
  { path: '/work/children/:id(\\d+)', name: 'work-child', title: '我的工作台', permission: 'child:write', component: () => import('../views/work/WorkChildView.vue') },
  { path: '/work/problems', name: 'work-problems', title: '我的问题', permission: 'child:write', component: () => import('../views/work/WorkProblemsView.vue') },
  { path: '/work/outbox', name: 'work-outbox', title: '待发送记录', permission: 'child:write', component: () => import('../views/work/OutboxView.vue') },
]

// Pages without the frame (printing).
export const BARE_PAGES = [
  { path: '/children/:id(\\d+)/print', name: 'child-print', title: '打印档案', permission: 'child:read', component: () => import('../views/ChildPrintView.vue') },
]
