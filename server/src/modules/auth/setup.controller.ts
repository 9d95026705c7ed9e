import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { setupInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { metaOf } from '../../common/request';
import { parse } from '../../common/validate';
import { SetupService } from './setup.service';

@Controller('/api/setup', { tagName: '登录与账号' })
export class SetupController {
  @Inject() ctx: Context;
  @Inject() setup: SetupService;

  @Get('/status', { summary: '是否等待首次使用：数据库中还没有管理员（登录页据此显示“创建管理员”）' })
  @Access('public')
  async status() {
    return this.setup.status();
  }

  @Post('/', { summary: '首次使用：凭服务器启动时打印的一次性初始化口令创建第一位管理员' })
  @Access('public', { body: setupInput })
  async create(@Body() body: unknown) {
    return this.setup.complete(parse(setupInput, body), metaOf(this.ctx));
  }
}
