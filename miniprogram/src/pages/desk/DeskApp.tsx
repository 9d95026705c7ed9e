import { useEffect, useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import {
  AccountBookOutlined,
  BarChartOutlined,
  FileDoneOutlined,
  HistoryOutlined,
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
import { ROLE_LABELS, can, type Me } from '@hongyuan/shared';
import { ApiError, LOGIN_PAGE, api, errorMessage, fetchMe, logout as endSession, redirectToPasswordChange } from '../../api/request';
import { MeContext } from './lib/hooks';
import { readViewParam, writeViewParam } from './lib/location';
import { DeskNavContext, type DeskNavigate } from './lib/nav';
import { PrintView } from './print/PrintView';
import { VIEWS, type DeskView, type ViewKey } from './views';

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
  workOrders: <FileTextOutlined />,
  pendingDispatch: <SendOutlined />,
  pendingSettle: <AccountBookOutlined />,
  pendingFollowup: <PhoneOutlined />,
  workOrderStats: <BarChartOutlined />,
  invoices: <FileDoneOutlined />,
  vehicleHistory: <HistoryOutlined />,
  customers: <TeamOutlined />,
  vehicleModels: <CarOutlined />,
  parts: <ToolOutlined />,
  priceLevels: <PercentageOutlined />,
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

/** The views this employee may open; the stand-in's views only in WeChat demo mode. */
function visibleViews(me: Me, standin: boolean): DeskView[] {
  return VIEWS.filter((v) => permitted(me, v) && (!v.standinOnly || standin));
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
  useEffect(loadMe, []);

  const standin = useStandinMode(me);
  const views = useMemo(() => (me && standin !== null ? visibleViews(me, standin) : []), [me, standin]);

  // The view from the URL if this employee may see it, else the first one.
  useEffect(() => {
    if (!views.length || printing) return;
    const wanted = readViewParam();
    const initial = views.find((v) => v.key === wanted) ?? views[0];
    setView(initial.key);
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
        <PrintView />
      </MeContext.Provider>
    );
  }

  const current = views.find((v) => v.key === view);
  const groups = Array.from(new Set(views.map((v) => v.group)));
  const menuItems = groups.map((g) => ({
    type: 'group' as const,
    key: g,
    label: g,
    children: views
      .filter((v) => v.group === g)
      .map((v) => ({ key: v.key, icon: ICONS[v.key], label: <span data-testid={`desk-menu-${v.key}`}>{v.label}</span> })),
  }));

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
                <current.Component key={`${current.key}:${mount}`} />
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
