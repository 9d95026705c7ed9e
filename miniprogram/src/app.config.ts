// The PC desk (pages/desk) exists only in the H5 build: it is never shipped in the mini-program.
const deskPages = process.env.TARO_ENV === 'h5' ? ['pages/desk/index'] : [];

export default defineAppConfig({
  // pages/home hosts the role-based tabs itself (no native tabBar, so H5 and weapp match);
  // it is the entry page and sends anyone without a session to pages/login.
  pages: ['pages/home/index', 'pages/login/index', ...deskPages],
  // Rarely used pages live in subpackages to keep the main package small.
  subPackages: [
    {
      root: 'packages/account',
      name: 'account',
      pages: ['password/index'],
    },
    // Stock documents, forms, stock-take and alerts (the tabs themselves live on pages/home).
    {
      root: 'packages/stock',
      name: 'stock',
      pages: [
        'requisition/index',
        'requisition-form/index',
        'return/index',
        'return-form/index',
        'holding/index',
        'stocktakes/index',
        'stocktake/index',
        'alerts/index',
      ],
    },
    // A work order: the technician's 开始/结束处理, 用料 and 工时; the supervisor's 派工/改派.
    {
      root: 'packages/work',
      name: 'work',
      pages: ['order/index'],
    },
  ],
  // 开始处理 records where it started once, if the technician allows it.
  permission: {
    'scope.userLocation': { desc: '开始处理工单时记录一次位置，便于核对上门服务' },
  },
  requiredPrivateInfos: ['getLocation'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '宏沅售后',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6f9',
  },
});
