import { Controller, Get, Inject, Query } from '@midwayjs/core';
import { optionalText, securityEventQuery, z } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { parse } from '../../common/validate';
import { AuditService } from './audit.service';
import { SecurityEvents } from './security-event.service';

/** entity is the table name (employee, customer, part, ...); entityId its id. */
const auditListQuery = z
  .object({
    entity: optionalText('对象类型', 50),
    entityId: optionalText('对象编号', 50),
    page: z.coerce.number().int().min(1, '页码应从 1 开始').max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(30),
  })
  .strict();

@Controller('/api/audit-logs', { tagName: '操作日志' })
export class AuditController {
  @Inject() audit: AuditService;

  @Get('/', { summary: '操作日志（谁、何时、改了什么，含修改前后）' })
  @Access('audit.read', { query: auditListQuery })
  async list(@Query() q: unknown) {
    return this.audit.list(parse(auditListQuery, q));
  }
}

@Controller('/api/security-events', { tagName: '操作日志' })
export class SecurityEventController {
  @Inject() events: SecurityEvents;

  @Get('/', { summary: '安全事件：登录失败、登录被限制、越权请求被拒绝（同一分钟内的重复合并计数）' })
  @Access('audit.read', { query: securityEventQuery })
  async list(@Query() q: unknown) {
    return this.events.list(parse(securityEventQuery, q));
  }
}
