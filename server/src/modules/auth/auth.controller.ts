import { Body, Controller, Get, Inject, Post } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { changePasswordInput, loginInput } from '@hongyuan/shared';
import { Access } from '../../common/access';
import { parse } from '../../common/validate';
import { actorOf, metaOf, SESSION_COOKIE } from '../../common/request';
import { AuthService } from './auth.service';
import type { AppEnv } from '../../config/env';
import { Config } from '@midwayjs/core';

@Controller('/api/auth', { tagName: '登录与账号' })
export class AuthController {
  @Inject() ctx: Context;
  @Inject() auth: AuthService;
  @Config('app') env: AppEnv;

  @Post('/login', { summary: '登录（h5 用 Cookie + CSRF 令牌，weapp 用 Bearer 令牌）' })
  @Access('public', { body: loginInput })
  async login(@Body() body: unknown) {
    const input = parse(loginInput, body);
    const { result, token } = await this.auth.login(input, this.ctx.ip);
    if (input.client === 'h5') {
      this.ctx.cookies.set(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.env.cookieSecure,
        signed: false,
        overwrite: true,
        path: '/',
        expires: new Date(result.expiresAt),
      });
    }
    return result;
  }

  @Post('/logout', { summary: '退出登录' })
  @Access('login', { duringPasswordChange: true })
  async logout() {
    await this.auth.logout(actorOf(this.ctx));
    this.ctx.cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', path: '/', expires: new Date(0) });
    return null;
  }

  @Get('/me', { summary: '当前登录的员工（h5 同时取回 CSRF 令牌）' })
  @Access('login', { duringPasswordChange: true })
  async me() {
    const actor = actorOf(this.ctx);
    return { ...(await this.auth.me(actor.id)), csrfToken: actor.client === 'h5' ? actor.csrfToken : undefined };
  }

  @Post('/password', { summary: '修改密码（其他设备上的登录随之失效；原密码错误 5 次后 15 分钟内不再受理）' })
  @Access('login', { body: changePasswordInput, duringPasswordChange: true })
  async changePassword(@Body() body: unknown) {
    const meta = metaOf(this.ctx);
    await this.auth.changePassword(parse(changePasswordInput, body), { ...meta, actor: actorOf(this.ctx) });
    return null;
  }
}
