import { useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Tabbar } from '@nutui/nutui-react-taro';
import { MOBILE_TAB_LABELS, ROLE_LABELS, mobileTabsFor, type Me, type MobileTab, type Role } from '@hongyuan/shared';
import { fetchMe, getEmployee, getSession, LOGIN_PAGE, logout, redirectToLogin } from '../../api/request';
import { getActiveRole, setActiveRole } from '../../session/role';
import { askSubscribe, forgetSubscriptions, loadSubscriptions, SUBSCRIBE_ASKS } from '../../session/subscribe';
import MeTab from './MeTab';
import ApprovalsTab from './ApprovalsTab';
import DispatchTab from './DispatchTab';
import MessagesTab from './MessagesTab';
import OrdersTab from './OrdersTab';
import PartsTab from './PartsTab';
import StatsTab from './StatsTab';
import StockTab from './StockTab';
import { TAB_ICONS } from './tabs';
import { useApprovals } from './useApprovals';
import { useUnsignedCount } from './useUnsignedCount';
import { useNotices } from './useNotices';
import './index.scss';

/** The WeChat reminders a tab asks for when tapped (the mini-program only). */
const TAB_MOMENTS: Partial<Record<MobileTab, 'orders' | 'approvals'>> = { orders: 'orders', approvals: 'approvals' };

/**
 * The mobile home: one page hosting the role's tabs (technician 工单/配件/消息/我的, keeper
 * 审批/库存/消息/我的, supervisor 派工/统计/消息/我的, desk-only roles 消息/我的) with a NutUI tab
 * bar, so the mini-program and H5 behave the same.
 */
export default function HomePage() {
  const [me, setMe] = useState<Me | null>(() => getEmployee());
  const [role, setRole] = useState<Role | undefined>(() => (me ? getActiveRole(me) : undefined));
  const [tab, setTab] = useState<MobileTab | undefined>(undefined);
  const [loggingOut, setLoggingOut] = useState(false);
  // Bumped each time the page shows again (back from a document or form): the lists reload.
  const [refreshKey, setRefreshKey] = useState(0);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) setRefreshKey((k) => k + 1);
    shown.current = true;
  });
  usePullDownRefresh(() => {
    setRefreshKey((k) => k + 1);
    setTimeout(() => void Taro.stopPullDownRefresh(), 600);
  });

  useEffect(() => {
    if (!getSession()) {
      redirectToLogin();
      return;
    }
    // Refresh who this is (roles may have changed on the desk; H5 gets its CSRF token back).
    let alive = true;
    fetchMe()
      .then((fresh) => {
        if (!alive) return;
        setMe(fresh);
        setRole(getActiveRole(fresh));
      })
      .catch(() => {
        /* 401 already went to the login page; offline: keep the stored profile */
      });
    return () => {
      alive = false;
    };
  }, []);

  // The template ids are at hand before any tap asks WeChat for them (it must ask synchronously).
  const meId = me?.id;
  useEffect(() => {
    if (meId && SUBSCRIBE_ASKS) void loadSubscriptions();
  }, [meId]);

  const tabs = mobileTabsFor(role);
  const current: MobileTab = tab && tabs.includes(tab) ? tab : tabs[0];
  const approvals = useApprovals(!!me && role === 'keeper', refreshKey);
  const unsigned = useUnsignedCount(!!me && role === 'technician', refreshKey);
  const notices = useNotices(!!me, refreshKey);
  const badges: Partial<Record<MobileTab, number>> = { approvals: approvals.total, parts: unsigned, messages: notices.unread };

  // Tapping 工单 or 审批 (even when already open) asks for WeChat reminders, in the tap itself.
  // The first tab opens by itself on start: then his first tap in its list asks instead.
  const askedTabs = useRef(new Set<MobileTab>());
  const askFor = (t: MobileTab): Promise<void> => {
    const moment = TAB_MOMENTS[t];
    if (!moment) return Promise.resolve();
    askedTabs.current.add(t);
    return askSubscribe(moment);
  };
  const firstTapIn = (t: MobileTab) => () => (askedTabs.current.has(t) ? Promise.resolve() : askFor(t));

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: MOBILE_TAB_LABELS[current] });
  }, [current]);

  if (!me) return <View className="hy-page" />;

  const switchRole = (r: Role) => {
    setActiveRole(me, r);
    setRole(r);
    Taro.showToast({ title: `已切换为${ROLE_LABELS[r]}身份`, icon: 'none' });
  };

  const doLogout = async () => {
    const answer = await Taro.showModal({ title: '退出登录', content: '确定要退出当前账号吗？', confirmText: '退出', cancelText: '取消' });
    if (!answer.confirm) return;
    setLoggingOut(true);
    await logout();
    forgetSubscriptions();
    setLoggingOut(false);
    Taro.reLaunch({ url: LOGIN_PAGE });
  };

  return (
    <View className="hy-page hy-home">
      <View className="hy-home__body" data-testid={`tab-${current}`}>
        {current === 'orders' ? <OrdersTab refreshKey={refreshKey} notices={notices} onTap={firstTapIn('orders')} /> : null}
        {current === 'dispatch' ? <DispatchTab refreshKey={refreshKey} /> : null}
        {current === 'stats' ? <StatsTab refreshKey={refreshKey} /> : null}
        {current === 'approvals' ? <ApprovalsTab approvals={approvals} onTap={firstTapIn('approvals')} /> : null}
        {current === 'stock' ? <StockTab refreshKey={refreshKey} /> : null}
        {current === 'parts' ? <PartsTab refreshKey={refreshKey} unsigned={unsigned} /> : null}
        {current === 'messages' ? <MessagesTab refreshKey={refreshKey} notices={notices} /> : null}
        {current === 'me' ? (
          <MeTab me={me} activeRole={role} onSwitchRole={switchRole} onLogout={doLogout} loggingOut={loggingOut} />
        ) : null}
      </View>

      <Tabbar
        key={tabs.join(',')}
        fixed
        value={tabs.indexOf(current)}
        onSwitch={(i) => {
          void askFor(tabs[i]);
          setTab(tabs[i]);
        }}
      >
        {tabs.map((t) => (
          <Tabbar.Item
            key={t}
            title={MOBILE_TAB_LABELS[t]}
            icon={TAB_ICONS[t](t === current)}
            value={badges[t] || ''}
            onActiveClick={() => void askFor(t)}
          />
        ))}
      </Tabbar>
    </View>
  );
}
