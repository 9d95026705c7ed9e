import { Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { In, IsNull } from 'typeorm';
import { InjectEntityModel } from '@midwayjs/typeorm';
import type { Repository } from 'typeorm';
import {
  NOTIFICATION_KINDS,
  pageQuery,
  queryBool,
  WECHAT_DELIVERIES,
  z,
  type NotificationLogItem,
  type NotificationPage,
  type NotificationView,
  type Page,
} from '@hongyuan/shared';
import { Access } from '../../common/access';
import { actorOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Employee } from '../org/org.entity';
import { WechatOutbox } from '../wechat/wechat.entity';
import { Notification } from './notification.entity';

const listQuery = z.object({ ...pageQuery, unread: queryBool }).strict();
const logQuery = z
  .object({
    ...pageQuery,
    employeeId: z.coerce.number().int().positive().optional(),
    kind: z.enum(NOTIFICATION_KINDS).optional(),
    wechat: z.enum(WECHAT_DELIVERIES).optional(),
  })
  .strict();

function viewOf(n: Notification): NotificationView {
  return {
    ...n,
    readAt: n.readAt?.toISOString() ?? null,
    doneAt: n.doneAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

@Controller('/api/notifications', { tagName: '站内消息' })
export class NotificationController {
  @Inject() ctx: Context;
  @InjectEntityModel(Notification) repo: Repository<Notification>;

  @Get('/', { summary: '我的消息与待办（unread=1 只看未读），含需要处理的未读数（角标）' })
  @Access('login', { query: listQuery })
  async list(@Query() query: unknown): Promise<NotificationPage> {
    const q = parse(listQuery, query);
    const me = actorOf(this.ctx).id;
    const where = q.unread ? { employeeId: me, readAt: IsNull() } : { employeeId: me };
    const [rows, total] = await this.repo.findAndCount({ where, order: { id: 'DESC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
    const unread = await this.repo.countBy({ employeeId: me, readAt: IsNull(), doneAt: IsNull() });
    return { items: rows.map(viewOf), total, unread, page: q.page, pageSize: q.pageSize };
  }

  @Get('/log', { summary: '消息记录：所有人的站内消息及微信发送情况' })
  @Access('audit.read', { query: logQuery })
  async log(@Query() query: unknown): Promise<Page<NotificationLogItem>> {
    const q = parse(logQuery, query);
    const where = { employeeId: q.employeeId, kind: q.kind, wechat: q.wechat };
    const [rows, total] = await this.repo.findAndCount({ where, order: { id: 'DESC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
    const ids = rows.map((r) => r.id);
    const m = this.repo.manager;
    const [outbox, people] = await Promise.all([
      ids.length ? m.findBy(WechatOutbox, { notificationId: In(ids) }) : [],
      rows.length
        ? m.find(Employee, { where: { id: In([...new Set(rows.map((r) => r.employeeId))]) }, select: { id: true, name: true } })
        : [],
    ]);
    return {
      items: rows.map((n) => {
        const o = outbox.find((x) => x.notificationId === n.id);
        return {
          ...viewOf(n),
          employeeName: people.find((p) => p.id === n.employeeId)?.name ?? '',
          attempts: o?.attempts ?? 0,
          sentAt: o?.sentAt?.toISOString() ?? null,
        };
      }),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  @Post('/read-all', { summary: '全部已读' })
  @Access('login')
  async readAll() {
    const res = await this.repo.update({ employeeId: actorOf(this.ctx).id, readAt: IsNull() }, { readAt: new Date() });
    return { updated: res.affected ?? 0 };
  }

  @Post('/:id/read', { summary: '标为已读' })
  @Access('login')
  async read(@Param('id') id: string) {
    await this.repo.update({ id: idParam(id), employeeId: actorOf(this.ctx).id, readAt: IsNull() }, { readAt: new Date() });
    return null;
  }
}
