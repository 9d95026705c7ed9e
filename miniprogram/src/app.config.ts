// The PC desk (pages/desk) exists only in the H5 build: it is never shipped in the mini-program.
const deskPages = process.env.TARO_ENV === 'h5' ? ['pages/desk/index'] : []

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
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '宏沅售后',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f6f9',
  },
})
