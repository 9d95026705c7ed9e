import { Controller, Get, Inject, Param, Post, Query } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { IsNull } from 'typeorm';
import { InjectEntityModel } from '@midwayjs/typeorm';
import type { Repository } from 'typeorm';
import { pageQuery, queryBool, z, type NotificationPage } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { actorOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { Notification } from './notification.entity';

const listQuery = z.object({ ...pageQuery, unread: queryBool }).strict();

@Controller('/api/notifications', { tagName: '站内消息' })
export class NotificationController {
  @Inject() ctx: Context;
  @InjectEntityModel(Notification) repo: Repository<Notification>;

  @Get('/', { summary: '我的消息与待办（unread=1 只看未读），含未读数' })
  @Access('login', { query: listQuery })
  async list(@Query() query: unknown): Promise<NotificationPage> {
    const q = parse(listQuery, query);
    const me = actorOf(this.ctx).id;
    const where = q.unread ? { employeeId: me, readAt: IsNull() } : { employeeId: me };
    const [rows, total] = await this.repo.findAndCount({ where, order: { id: 'DESC' }, skip: (q.page - 1) * q.pageSize, take: q.pageSize });
    const unread = await this.repo.countBy({ employeeId: me, readAt: IsNull() });
    return {
      items: rows.map((n) => ({ ...n, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
      total,
      unread,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  @Post('/:id/read', { summary: '标为已读' })
  @Access('login')
  async read(@Param('id') id: string) {
    await this.repo.update({ id: idParam(id), employeeId: actorOf(this.ctx).id, readAt: IsNull() }, { readAt: new Date() });
    return null;
  }
}
