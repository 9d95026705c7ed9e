/**
 * The one list of error codes. The server's error filter maps a domain error to
 * { ok: false, code, message } with the HTTP status below; pages show `message`.
 */
export const ERRORS = {
  VALIDATION: { status: 400, message: '输入有误' },
  BAD_REQUEST: { status: 400, message: '请求有误' },
  UNAUTHENTICATED: { status: 401, message: '请先登录' },
  LOGIN_FAILED: { status: 401, message: '手机号或密码错误' },
  ACCOUNT_DISABLED: { status: 403, message: '账号已停用，请联系管理员' },
  FORBIDDEN: { status: 403, message: '没有权限执行此操作' },
  CSRF: { status: 403, message: '页面已过期，请刷新后重试' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, message: '请先修改初始密码' },
  NOT_FOUND: { status: 404, message: '记录不存在' },
  ROUTE_NOT_FOUND: { status: 404, message: '接口不存在' },
  CONFLICT: { status: 409, message: '数据已被修改，请刷新后重试' },
  DUPLICATE: { status: 409, message: '已存在相同的记录' },
  IN_USE: { status: 409, message: '记录正在使用，不能删除' },
  INSUFFICIENT_STOCK: { status: 409, message: '库存不足' },
  ALREADY_DECIDED: { status: 409, message: '单据已被处理' },
  IDEMPOTENCY_CONFLICT: { status: 409, message: '同一请求编号已用于不同的内容' },
  PAYLOAD_TOO_LARGE: { status: 413, message: '提交的内容过大' },
  IMPORT_INVALID: { status: 422, message: '导入文件有错误，未导入任何数据' },
  RATE_LIMITED: { status: 429, message: '尝试过于频繁，请稍后再试' },
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后重试' },
  /** WeChat's servers did not answer, or answered an error that is not the user's (busy, misconfigured). */
  WECHAT_UNAVAILABLE: { status: 503, message: '微信服务暂时不可用，请稍后重试' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldIssue {
  /** dotted path of the field, e.g. "contacts.0.phone" */
  path: string;
  /** names the field in Chinese ("第 3 行 数量：应为整数"), never by its key */
  message: string;
}

export interface ApiOk<T> {
  ok: true;
  data: T;
}
export interface ApiFail {
  ok: false;
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  details?: unknown;
  requestId?: string;
}
/** The response envelope of every /api route. */
export type ApiResponse<T> = ApiOk<T> | ApiFail;
