import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { Checked } from '@nutui/icons-react-taro';
import { ROLE_LABELS, type Me, type Role, type WechatTemplateKind } from '@hongyuan/shared';
import { CLIENT, DESK_PAGE, errorMessage, PASSWORD_PAGE } from '../../api/request';
import ErrorBar from '../../components/ErrorBar';
import { hasDeskRole, mobileRolesOf } from '../../session/role';
import { askSubscribe, reopenSubscriptions, SUBSCRIBE_ASKS, useSubscriptions, type SubscribeMoment } from '../../session/subscribe';

export interface MeTabProps {
  me: Me;
  activeRole: Role | undefined;
  onSwitchRole: (role: Role) => void;
  onLogout: () => void;
  loggingOut?: boolean;
}

/** What 订阅提醒 asks for, by the role he acts in (the others get no WeChat reminders to ask for). */
const MOMENT_BY_ROLE: Partial<Record<Role, SubscribeMoment>> = { technician: 'orders', keeper: 'approvals' };

/**
 * 微信消息提醒: per template what WeChat still lets us send him (剩余 n 条) or that he always
 * rejects it (已拒绝, with 重新开启); 订阅提醒 asks WeChat again (the mini-program only).
 */
function WechatReminders({ role }: { role: Role | undefined }) {
  const { summary, loading, error, reload } = useSubscriptions();
  const [reopening, setReopening] = useState<WechatTemplateKind | null>(null);
  const moment = role ? MOMENT_BY_ROLE[role] : undefined;

  const reopen = (kind: WechatTemplateKind) => {
    if (reopening) return;
    setReopening(kind);
    // (synchronously in the tap: on the phone it opens WeChat's settings, which needs the tap)
    reopenSubscriptions([kind])
      .then(() => {
        if (!SUBSCRIBE_ASKS) void Taro.showToast({ title: '已重新开启，下次在小程序中会再询问你', icon: 'none' });
      })
      .catch((e) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => setReopening(null));
  };

  return (
    <Cell.Group
      className="hy-me__wechat"
      title="微信消息提醒"
      description={summary?.bound ? '每同意一次订阅，可收到一条对应的微信提醒' : undefined}
    >
      {error && !summary ? <ErrorBar message={error} onRetry={reload} /> : null}
      {!summary && loading ? <Cell title="正在加载…" /> : null}
      {summary && !summary.bound ? <Cell className="hy-me__wechat-unbound" title="未绑定微信，消息只在站内显示" /> : null}
      {summary?.bound
        ? summary.templates.map((t) => (
            <Cell
              key={t.kind}
              className={`hy-me__tpl hy-me__tpl--${t.kind}${t.alwaysReject ? ' hy-me__tpl--rejected' : ''}`}
              title={t.title}
              extra={
                t.alwaysReject ? (
                  <View className="hy-me__tpl-rejected">
                    <Text className="hy-me__tpl-state">已拒绝</Text>
                    <Button
                      className="hy-me__reopen"
                      size="small"
                      type="primary"
                      fill="outline"
                      loading={reopening === t.kind}
                      onClick={() => reopen(t.kind)}
                    >
                      重新开启
                    </Button>
                  </View>
                ) : (
                  <Text className="hy-me__tpl-state">剩余 {t.quota} 条</Text>
                )
              }
            />
          ))
        : null}
      {summary?.bound && moment && SUBSCRIBE_ASKS ? (
        <View className="hy-me__subscribe">
          <Button block type="primary" fill="outline" onClick={() => void askSubscribe(moment)}>
            订阅提醒
          </Button>
        </View>
      ) : null}
    </Cell.Group>
  );
}

export default function MeTab({ me, activeRole, onSwitchRole, onLogout, loggingOut }: MeTabProps) {
  const mobileRoles = mobileRolesOf(me);
  const showDesk = CLIENT === 'h5' && hasDeskRole(me);

  return (
    <View className="hy-me">
      <View className="hy-me__card">
        <View className="hy-me__avatar">{me.name.slice(-2)}</View>
        <View className="hy-me__who">
          <Text className="hy-me__name">{me.name}</Text>
          <Text className="hy-me__sub">{me.phone}</Text>
        </View>
      </View>

      <Cell.Group title="基本信息">
        <Cell title="姓名" extra={me.name} />
        <Cell title="手机号" extra={me.phone} />
        <Cell title="部门" extra={me.departmentName || '未分配部门'} />
        <Cell title="角色" extra={me.roles.map((r) => ROLE_LABELS[r]).join('、') || '无'} />
      </Cell.Group>

      {mobileRoles.length > 1 ? (
        <Cell.Group title="切换身份" description="你有多个身份，切换后底部的功能随之改变">
          {mobileRoles.map((r) => (
            <Cell
              key={r}
              className={`hy-me__role hy-me__role--${r}${r === activeRole ? ' hy-me__role--active' : ''}`}
              data-role={r}
              title={`以${ROLE_LABELS[r]}身份使用`}
              extra={r === activeRole ? <Checked size={18} color="#2f6bd8" /> : ''}
              clickable
              onClick={() => {
                if (r !== activeRole) onSwitchRole(r);
              }}
            />
          ))}
        </Cell.Group>
      ) : null}

      <WechatReminders role={activeRole} />

      <Cell.Group title="账号与安全">
        <Cell title="修改密码" clickable extra="›" onClick={() => Taro.navigateTo({ url: PASSWORD_PAGE })} />
        {showDesk ? (
          <Cell
            title="进入电脑工作台"
            description="在电脑浏览器上处理客服、派工、库存等业务"
            clickable
            extra="›"
            // ?pc=1: chosen here on purpose, so the desk stays even on a phone (电脑版) instead of sending him back
            onClick={() => Taro.navigateTo({ url: `${DESK_PAGE}?pc=1` })}
          />
        ) : null}
      </Cell.Group>

      <View className="hy-me__logout">
        <Button block type="danger" fill="outline" loading={loggingOut} onClick={onLogout}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
