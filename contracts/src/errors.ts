/**
 * Stable error codes: clients switch on these, never on messages. Each maps to one HTTP status in
 * bff. Add new codes here; never rename one that has shipped.
 */
export const ErrorCodes = {
  // generic
  VALIDATION_FAILED: { status: 422, message: '请求参数有误' },
  NOT_FOUND: { status: 404, message: '记录不存在' },
  INTERNAL: { status: 500, message: '服务器开小差了，请稍后再试' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  RATE_LIMITED: { status: 429, message: '操作太频繁，请稍后再试' },
  UPSTREAM_FAILED: { status: 502, message: '外部服务暂不可用' },
  // authentication
  'AUTH.UNAUTHENTICATED': { status: 401, message: '请先登录' },
  'AUTH.TOKEN_EXPIRED': { status: 401, message: '登录已过期' },
  'AUTH.SESSION_REVOKED': { status: 401, message: '登录已失效，请重新登录' },
  'AUTH.SESSION_IDLE': { status: 401, message: '长时间未操作，请重新登录' },
  'AUTH.BAD_CREDENTIALS': { status: 401, message: '用户名或密码错误' },
  'AUTH.ACCOUNT_LOCKED': { status: 423, message: '账号已锁定，请稍后再试' },
  'AUTH.ACCOUNT_DISABLED': { status: 403, message: '账号已停用' },
  'AUTH.TOTP_INVALID': { status: 401, message: '动态验证码错误' },
  'AUTH.CHALLENGE_INVALID': { status: 401, message: '登录步骤已失效，请重新登录' },
  'AUTH.PASSWORD_EXPIRED': { status: 403, message: '密码已过期，请修改密码' },
  'AUTH.PASSWORD_WEAK': { status: 422, message: '密码不符合要求' },
  'AUTH.PASSWORD_REUSED': { status: 422, message: '新密码不能与当前密码相同' },
  'AUTH.SMS_CODE_INVALID': { status: 401, message: '短信验证码错误或已过期' },
  'AUTH.WECHAT_LOGIN_FAILED': { status: 401, message: '微信登录失败' },
  'AUTH.WRONG_AUDIENCE': { status: 403, message: '该账号无权访问此端' },
  'ACCOUNT.WECHAT_BOUND_ELSEWHERE': { status: 409, message: '该微信已绑定其他账号' },
  // authorisation
  'ACCESS.DENIED': { status: 403, message: '没有权限' },
  'ACCESS.OUT_OF_SCOPE': { status: 404, message: '记录不存在' },
  'ACCESS.SEPARATION_OF_DUTIES': { status: 403, message: '三员分立：不能授予或获得其他管理员的权限' },
  // system management
  'USER.NAME_TAKEN': { status: 409, message: '用户名已存在' },
  'ROLE.CODE_TAKEN': { status: 409, message: '角色编码已存在' },
  'ROLE.BUILT_IN': { status: 409, message: '内置角色不可修改' },
  'ORG.PARENT_INVALID': { status: 422, message: '上级机构无效' },
  'ORG.HAS_CHILDREN': { status: 409, message: '机构下还有下级机构或用户' },
  'PRIVACY.CONSENT_REQUIRED': { status: 403, message: '请先阅读并同意隐私政策' },
  // spreadsheets (import is all or nothing; details list every bad row)
  'IMPORT.INVALID_ROWS': { status: 422, message: '导入文件有误，未导入任何数据' },
  'IMPORT.BAD_FILE': { status: 422, message: '无法读取导入文件，请使用下载的模板' },
  // files
  'FILE.TOO_LARGE': { status: 413, message: '文件过大' },
  'FILE.TYPE_NOT_ALLOWED': { status: 415, message: '不支持的文件类型' },
  'FILE.NOT_USABLE': { status: 422, message: '文件不存在或不属于本机构' },
  // base data
  'BASEDATA.DUPLICATE': { status: 409, message: '编码或名称已存在' },
  'BASEDATA.IN_USE': { status: 409, message: '数据正在被使用，不能停用' },
  'BASEDATA.GEOMETRY_INVALID': { status: 422, message: '区域图形无效' },
  // archives
  'ARCHIVE.DUPLICATE': { status: 409, message: '档案已存在' },
  'ARCHIVE.LINK_INVALID': { status: 409, message: '账号与驾驶员档案不匹配' },
  'ARCHIVE.NOT_OPERABLE': { status: 409, message: '车辆或驾驶员当前不可运营' },
  // passengers
  'RIDER.DUPLICATE': { status: 409, message: '该乘车人已添加' },
  'RIDER.LIMIT_REACHED': { status: 409, message: '乘车人数量已达上限' },
  'RIDER.SELF_EXISTS': { status: 409, message: '已有一位乘车人标记为本人' },
  // trips, fares and booking
  'TRIP.NOT_BOOKABLE': { status: 409, message: '该班次当前不可预订' },
  'TRIP.PRESALE_NOT_OPEN': { status: 409, message: '该班次尚未开售' },
  'TRIP.SALES_CLOSED': { status: 409, message: '该班次已停止售票' },
  'TRIP.CANCELLED': { status: 409, message: '该班次已取消' },
  'TRIP.DUPLICATE': { status: 409, message: '该线路同一时间已有班次' },
  'TRIP.CAPACITY_BELOW_SOLD': { status: 409, message: '座位数不能少于已售座位' },
  'TRIP.STATE_INVALID': { status: 409, message: '班次状态已变化，请刷新' },
  'FARE.NOT_SET': { status: 409, message: '该区间暂未设置票价' },
  'ORDER.SEAT_SOLD_OUT': { status: 409, message: '余票不足' },
  'ORDER.SEAT_TAKEN': { status: 409, message: '所选座位已被占用，请重新选座' },
  'ORDER.RIDER_ALREADY_BOOKED': { status: 409, message: '乘车人已有本班次的车票' },
  'ORDER.UNPAID_LIMIT': { status: 409, message: '待支付订单过多，请先支付或取消' },
  'ORDER.OUTSIDE_ZONE': { status: 422, message: '所选地点不在服务区域内' },
  'ORDER.STATE_INVALID': { status: 409, message: '订单状态已变化，请刷新' },
  'ORDER.IDEMPOTENCY_MISMATCH': { status: 409, message: '重复提交的订单内容不一致' },
  // payments, refunds and rebooking
  'PAYMENT.NOT_PAYABLE': { status: 409, message: '订单当前不能支付' },
  'PAYMENT.MERCHANT_NOT_CONFIGURED': { status: 409, message: '该运营方暂未开通在线收款' },
  'PAYMENT.NO_OPENID': { status: 409, message: '请在微信中授权后再支付' },
  'PAYMENT.UPSTREAM': { status: 502, message: '支付服务暂时不可用，请稍后再试' },
  'REFUND.NOT_ALLOWED': { status: 409, message: '当前不能退票' },
  'REFUND.TICKET_INVALID': { status: 409, message: '所选车票不能退票' },
  'REFUND.STATE_INVALID': { status: 409, message: '退款状态已变化，请刷新' },
  'REBOOK.NOT_ALLOWED': { status: 409, message: '当前不能改签' },
  'REBOOK.TRIP_INVALID': { status: 409, message: '不能改签到所选班次' },
  // electronic invoices
  'INVOICE.NOT_ALLOWED': { status: 409, message: '该订单当前不能开发票' },
  'INVOICE.ALREADY_REQUESTED': { status: 409, message: '该订单已开票或正在开票' },
  'INVOICE.NOTHING_TO_INVOICE': { status: 409, message: '该订单没有可开票金额' },
  'INVOICE.SELLER_UNAVAILABLE': { status: 409, message: '运营方开票信息不完整，暂不能开票' },
  'INVOICE.STATE_INVALID': { status: 409, message: '发票状态已变化，请刷新' },
  'INVOICE.NOT_READY': { status: 409, message: '发票尚未开具完成' },
  'INVOICE.IDEMPOTENCY_MISMATCH': { status: 409, message: '重复提交的开票内容不一致' },
  'INVOICE.UPSTREAM': { status: 502, message: '开票服务暂时不可用，请稍后再试' },
  // service evaluation
  'FEEDBACK.ALREADY_RATED': { status: 409, message: '该订单已评价' },
  'FEEDBACK.NOT_RATABLE': { status: 409, message: '出发后或行程完成后才能评价' },
  'FEEDBACK.STATE_INVALID': { status: 409, message: '投诉状态已变化，请刷新' },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export function statusOf(code: ErrorCode): number {
  return ErrorCodes[code].status;
}
