import { Component, Suspense, lazy, useEffect, useMemo, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import {
  AccountBookOutlined,
  BarChartOutlined,
  FileDoneOutlined,
  PayCircleOutlined,
  HistoryOutlined,
  HomeOutlined,
  FileTextOutlined,
  PhoneOutlined,
  SendOutlined,
  AlertOutlined,
  AppstoreOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CarOutlined,
  DatabaseOutlined,
  ExportOutlined,
  IdcardOutlined,
  ImportOutlined,
  InboxOutlined,
  LogoutOutlined,
  MessageOutlined,
  PercentageOutlined,
  RollbackOutlined,
  SafetyOutlined,
  ScheduleOutlined,
  TeamOutlined,
  ToolOutlined,
  UserSwitchOutlined,
  WechatOutlined,
} from '@ant-design/icons';
import { ROLE_LABELS, can, type Me, type Role } from '@hongyuan/shared';
import {
  ApiError,
  HOME_PAGE,
  LOGIN_PAGE,
  api,
  errorMessage,
  fetchMe,
  logout as endSession,
  redirectToPasswordChange,
} from '../../api/request';
import { MeContext } from './lib/hooks';
import { readViewParam, writeViewParam } from './lib/location';
import { DeskNavContext, type DeskNavigate } from './lib/nav';
import { VIEWS, type DeskView, type ViewKey } from './views';

/** The print pages (a new tab) load their own chunk. */
const PrintView = lazy(() => import('./print/PrintView').then((m) => ({ default: m.PrintView })));

/** antd in Chinese, with the desk's paging words ("前往 N 页"). */
const locale = {
  ...zhCN,
  Pagination: { ...zhCN.Pagination, jump_to: '前往', page: '页', items_per_page: '条/页' },
};

const theme = {
  token: { colorPrimary: '#1f6fd1', borderRadius: 4, fontSize: 14 },
  components: {
    Layout: { headerHeight: 52, headerPadding: '0 20px', siderBg: '#001529' },
    Table: { cellPaddingBlockSM: 6 },
  },
};

const ICONS: Record<ViewKey, JSX.Element> = {
  home: <HomeOutlined />,
  workOrders: <FileTextOutlined />,
  pendingDispatch: <SendOutlined />,
  pendingSettle: <AccountBookOutlined />,
  pendingFollowup: <PhoneOutlined />,
  workOrderStats: <BarChartOutlined />,
  invoices: <FileDoneOutlined />,
  receivables: <PayCircleOutlined />,
  vehicleHistory: <HistoryOutlined />,
  customers: <TeamOutlined />,
  vehicleModels: <CarOutlined />,
  parts: <ToolOutlined />,
  priceLevels: <PercentageOutlined />,
  synonyms: <AppstoreOutlined />,
  requisitions: <ExportOutlined />,
  returns: <RollbackOutlined />,
  holdings: <UserSwitchOutlined />,
  stock: <InboxOutlined />,
  inbounds: <ImportOutlined />,
  stocktakes: <ScheduleOutlined />,
  alerts: <AlertOutlined />,
  reconciliation: <AuditOutlined />,
  warehouses: <DatabaseOutlined />,
  employees: <IdcardOutlined />,
  departments: <ApartmentOutlined />,
  securityEvents: <SafetyOutlined />,
  notifications: <MessageOutlined />,
  wechatInbox: <WechatOutlined />,
};

const permitted = (me: Me, v: DeskView) => v.anyOf.some((p) => can(me.roles, p));

/**
 * Each desk role's daily job, first view first: it opens there, and the menu puts these views
 * (and their groups) on top. 库管 opens on 工作台, whose 待我审批 list is his 审批.
 */
const DAILY: Partial<Record<Role, ViewKey[]>> = {
  service: ['workOrders', 'pendingFollowup', 'customers', 'vehicleHistory', 'receivables', 'invoices'],
  supervisor: ['pendingDispatch', 'pendingSettle', 'receivables', 'workOrders', 'workOrderStats'],
  keeper: ['home', 'requisitions', 'returns', 'holdings', 'stock', 'inbounds', 'stocktakes', 'alerts'],
  followup: ['pendingFollowup', 'workOrders', 'customers', 'vehicleHistory'],
  admin: ['home'],
};
/** Whose daily job leads when a person holds several roles. */
const ROLE_ORDER: Role[] = ['service', 'supervisor', 'keeper', 'followup', 'admin'];

/** The daily views of a person's roles, in the order of ROLE_ORDER (each view once). */
function dailyViews(roles: readonly Role[]): ViewKey[] {
  const keys = ROLE_ORDER.filter((r) => roles.includes(r)).flatMap((r) => DAILY[r] ?? []);
  return keys.filter((k, i) => keys.indexOf(k) === i);
}

/**
 * The views this employee may open, in his menu order: 工作台, then the groups of his daily
 * views with those views first, then the rest as VIEWS lists them. The stand-in's views only in
 * WeChat demo mode.
 */
function visibleViews(me: Me, standin: boolean): DeskView[] {
  const views = VIEWS.filter((v) => permitted(me, v) && (!v.standinOnly || standin));
  const daily = dailyViews(me.roles);
  const rank = (v: DeskView) => (daily.includes(v.key) ? daily.indexOf(v.key) : daily.length + VIEWS.indexOf(v));
  const groups = Array.from(new Set([...views].sort((a, b) => rank(a) - rank(b)).map((v) => v.group)));
  const groupRank = (v: DeskView) => (v.group === '工作台' ? -1 : groups.indexOf(v.group));
  return [...views].sort((a, b) => groupRank(a) - groupRank(b) || rank(a) - rank(b));
}

/** The view a person opens on: his first daily view he may see, else the first of his menu. */
function startView(me: Me, views: DeskView[]): DeskView {
  const first = dailyViews(me.roles).find((k) => views.some((v) => v.key === k));
  return views.find((v) => v.key === first) ?? views.find((v) => v.key !== 'home') ?? views[0];
}

/**
 * A phone (narrow window or a mobile browser) gets the mobile pages: the desk's tables and
 * drawers need a PC screen. ?pc=1 in the address keeps the desk anyway (电脑版).
 */
export function isPhoneScreen(): boolean {
  if (typeof window === 'undefined') return false;
  if (/[?&]pc=1\b/.test(window.location.hash)) return false;
  const mobileUa = /Android|iPhone|iPad|iPod|Mobile|MicroMessenger/i.test(navigator.userAgent);
  return window.innerWidth < 1024 || (mobileUa && window.innerWidth < 1280);
}

/**
 * Whether the server talks to the WeChat stand-in (demo mode), asked only of those who may see a
 * stand-in view; null while asking. An unanswered question counts as real WeChat (no demo views).
 */
function useStandinMode(me: Me | null): boolean | null {
  const [standin, setStandin] = useState<boolean | null>(null);
  useEffect(() => {
    setStandin(null);
    if (!me) return;
    if (!VIEWS.some((v) => v.standinOnly && permitted(me, v))) {
      setStandin(false);
      return;
    }
    let alive = true;
    api
      .get<{ mode: 'real' | 'standin' }>('/wechat/mode')
      .then((r) => alive && setStandin(r.mode === 'standin'))
      .catch(() => alive && setStandin(false));
    return () => {
      alive = false;
    };
  }, [me]);
  return standin;
}

function Desk() {
  const [me, setMe] = useState<Me | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [view, setView] = useState<ViewKey | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  // ?view=print&doc=...&id=...: only the A4 sheet of one document (opened in its own window).
  const [printing] = useState(() => readViewParam() === 'print');
  const [mount, setMount] = useState(0);

  const loadMe = () => {
    setFailure(null);
    // Also refreshes the stored session (and the H5 CSRF token).
    fetchMe()
      .then((m) => (m.mustChangePassword ? redirectToPasswordChange() : setMe(m)))
      .catch((e) => {
        // 401 is handled by the request layer (it goes to the login page).
        if (e instanceof ApiError && e.status === 401) return;
        setFailure(errorMessage(e, '无法连接服务器，请稍后重试'));
      });
  };
  // On a phone the mobile pages, not a squeezed desk (a print sheet stays: it is opened from the desk).
  const [phone] = useState(() => !printing && isPhoneScreen());
  useEffect(() => {
    if (phone) void Taro.reLaunch({ url: HOME_PAGE });
    else loadMe();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, []);

  const standin = useStandinMode(me);
  const views = useMemo(() => (me && standin !== null ? visibleViews(me, standin) : []), [me, standin]);

  // The view from the URL if this employee may see it, else the first one.
  useEffect(() => {
    if (!views.length || printing) return;
    const wanted = readViewParam();
    const initial = views.find((v) => v.key === wanted) ?? (me ? startView(me, views) : views[0]);
    setView(initial.key);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- views changes whenever me does
  }, [views, printing]);

  useEffect(() => {
    if (view) writeViewParam(view);
  }, [view]);

  useEffect(() => {
    if (!printing) document.title = '宏沅汽车售后工作台';
  }, [printing]);

  // Another view with its parameters (a link from 预警 to a document or an employee's holdings).
  const navigate: DeskNavigate = (key, params = {}) => {
    if (!views.some((v) => v.key === key)) return;
    writeViewParam(key, params);
    setView(key as ViewKey);
    setMount((n) => n + 1); // remount even when it is the current view, so it reads the new parameters
  };

  const logout = async () => {
    setLoggingOut(true);
    await endSession(); // errors ignored: the session is forgotten either way
    setLoggingOut(false);
    Taro.reLaunch({ url: LOGIN_PAGE });
  };

  if (failure) {
    return (
      <Result
        status="warning"
        title="工作台加载失败"
        subTitle={failure}
        extra={
          <Button type="primary" onClick={loadMe}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me || standin === null) {
    return (
      <div className="desk-center desk-full">
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    );
  }

  if (printing) {
    return (
      <MeContext.Provider value={me}>
        <Suspense
          fallback={
            <div className="desk-view-loading">
              <Spin size="large" />
            </div>
          }
        >
          <PrintView />
        </Suspense>
      </MeContext.Provider>
    );
  }

  const current = views.find((v) => v.key === view);
  const groups = Array.from(new Set(views.map((v) => v.group)));
  const entry = (v: DeskView) => ({ key: v.key, icon: ICONS[v.key], label: <span data-testid={`desk-menu-${v.key}`}>{v.label}</span> });
  // 工作台 is an entry of its own at the top; the other views under their group's title.
  const menuItems = groups.map((g) =>
    g === '工作台'
      ? { type: 'group' as const, key: g, children: views.filter((v) => v.group === g).map(entry) }
      : { type: 'group' as const, key: g, label: g, children: views.filter((v) => v.group === g).map(entry) },
  );

  return (
    <MeContext.Provider value={me}>
      <DeskNavContext.Provider value={navigate}>
        <Layout className="desk-layout" data-testid="desk">
          <Layout.Sider width={200} className="desk-sider">
            <div className="desk-brand">
              <AppstoreOutlined />
              <span>宏沅售后工作台</span>
            </div>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={view ? [view] : []}
              items={menuItems}
              onClick={({ key }) => setView(key as ViewKey)}
              data-testid="desk-menu"
            />
          </Layout.Sider>
          <Layout>
            <Layout.Header className="desk-header">
              <Typography.Text className="desk-company">庆元县宏沅汽车服务有限公司</Typography.Text>
              <Space size={12}>
                <span className="desk-user" data-testid="desk-user">
                  {me.name}
                </span>
                {me.departmentName && <span className="desk-muted">{me.departmentName}</span>}
                <span data-testid="desk-roles">
                  {me.roles.map((r) => (
                    <Tag key={r} color="blue">
                      {ROLE_LABELS[r]}
                    </Tag>
                  ))}
                </span>
                <Button icon={<LogoutOutlined />} loading={loggingOut} onClick={logout} data-testid="desk-logout">
                  退出登录
                </Button>
              </Space>
            </Layout.Header>
            <Layout.Content className="desk-content">
              {current ? (
                <ViewBoundary key={`${current.key}:${mount}`}>
                  <Suspense
                    fallback={
                      <div className="desk-view-loading" data-testid="view-loading">
                        <Spin size="large" />
                      </div>
                    }
                  >
                    <current.Component />
                  </Suspense>
                </ViewBoundary>
              ) : (
                <Result
                  status="403"
                  title="没有可用的功能"
                  subTitle="您的角色在电脑工作台上没有可用的功能，请在手机上使用，或联系管理员。"
                />
              )}
            </Layout.Content>
          </Layout>
        </Layout>
      </DeskNavContext.Provider>
    </MeContext.Provider>
  );
}

/** The PC desk (客服/管理 工作台), H5 only. */
export default function DeskApp() {
  return (
    <ConfigProvider locale={locale} theme={theme} componentSize="middle" button={{ autoInsertSpace: false }}>
      <AntApp message={{ maxCount: 3 }}>
        <Desk />
      </AntApp>
    </ConfigProvider>
  );
}

/**
 * A view's code comes as its own chunk. When it cannot load (the network dropped, or a new
 * version replaced the files since this page was opened) the view says so and offers a reload
 * instead of leaving a blank page.
 */
class ViewBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="warning"
        title="页面没有加载成功"
        subTitle="可能是网络中断、系统刚刚更新或页面出错。请刷新页面后重试，仍不行请联系管理员。"
        extra={
          <Button type="primary" onClick={() => window.location.reload()} data-testid="view-reload">
            刷新页面
          </Button>
        }
      />
    );
  }
}
