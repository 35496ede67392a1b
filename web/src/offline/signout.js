// Signing out deletes the workspace kept on the device, records not yet sent included: asks
// first when there are any.
import { ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message-box/style/css'
import { unsentCount } from './sync.js'

export async function confirmSignOut(userId) {
  const n = await unsentCount(userId).catch(() => 0)
  if (!n) return true
  try {
    await ElMessageBox.confirm(
      `本机还有 ${n} 条走访或问题记录尚未发送到服务器。退出登录会删除本机保存的工作台数据和这些记录，建议联网同步后再退出。`,
      '有未发送的记录',
      { type: 'warning', confirmButtonText: '仍然退出', cancelButtonText: '取消' },
    )
    return true
  } catch {
    return false
  }
}
