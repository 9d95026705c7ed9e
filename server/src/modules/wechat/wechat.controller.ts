import { Body, Controller, Del, Inject, Param, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { wechatBindInput, wechatLoginInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { metaOf } from '../../common/request';
import { idParam, parse } from '../../common/validate';
import { WechatAuthService } from './wechat-auth.service';
import { WechatBindingService } from './wechat-binding.service';

@Controller('/api', { tagName: '微信登录与绑定' })
export class WechatController {
  @Inject() ctx: Context;
  @Inject() wechatAuth: WechatAuthService;
  @Inject() bindings: WechatBindingService;

  @Post('/auth/wechat', { summary: '微信登录（小程序 wx.login 的 code）：已绑定则登录，未绑定则返回绑定凭据 ticket' })
  @Access('public', { body: wechatLoginInput })
  async login(@Body() body: unknown) {
    return this.wechatAuth.login(parse(wechatLoginInput, body), metaOf(this.ctx));
  }

  @Post('/auth/wechat/bind', { summary: '绑定微信并登录（管理员生成的绑定码，或本人手机号和密码一次）' })
  @Access('public', { body: wechatBindInput })
  async bind(@Body() body: unknown) {
    return this.wechatAuth.bind(parse(wechatBindInput, body), metaOf(this.ctx));
  }

  @Post('/employees/:id/wechat-binding-code', { summary: '生成微信绑定码（10 分钟内有效，一次有效；旧码作废）' })
  @Access('employee.manage')
  async issueCode(@Param('id') id: string) {
    return this.bindings.issueCode(idParam(id, '员工'), metaOf(this.ctx));
  }

  @Del('/employees/:id/wechat-binding', { summary: '解除员工的微信绑定（其小程序登录随之失效）' })
  @Access('employee.manage')
  async unbind(@Param('id') id: string) {
    await this.bindings.unbind(idParam(id, '员工'), metaOf(this.ctx));
    return null;
  }
}
