/**
 * The user's steps in the compiled mini-program (test/weapp/*.test.ts), on top of the harness in
 * weapp.ts: the demo server for a test file, logging in and out on the login page, the tab bar
 * (titles, badges, switching tabs), waiting for a page to open, and the navigation bar's back.
 */
import { buildIfNeeded } from './build';
import { waitForDemoLogin } from './api';
import { DEMO, startServer, type RunningServer } from './server';
import type { Weapp, WeappPage } from './weapp';

/**
 * Builds what changed (so `jest test/weapp` alone tests current code), starts the real server
 * with fresh demo data, and waits until `phone` can log in (the demo data is written once the
 * server is up). For beforeAll.
 */
export async function startDemoServer(phone: string): Promise<RunningServer> {
  buildIfNeeded();
  const server = await startServer();
  await waitForDemoLogin(server.url, phone);
  return server;
}

/** The titles of the tab bar's items, in order. */
export function tabTitles(page: WeappPage): string[] {
  return page.all('nut-tabbar-item-text').map((e) => e.textContent ?? '');
}

/** The badge number on a tab ('' when there is none). */
export function badge(page: WeappPage, tab: string): string {
  const item = page.all('nut-tabbar-item').find((e) => page.all('nut-tabbar-item-text', e).some((t) => t.textContent === tab))!;
  const sup = page.all('nut-badge-sup', item);
  return sup.length ? (sup[0].textContent ?? '').trim() : '';
}

/** Taps a tab by its title (the item's own text also holds its badge number). */
export async function openTab(home: WeappPage, tab: string): Promise<void> {
  await home.tap(home.byText('nut-tabbar-item-text', tab));
}

/** Types a phone and a password on the login page and taps 登录 (without waiting for the answer). */
export async function submitLogin(weapp: Weapp, phone: string, password: string): Promise<void> {
  const login = await weapp.waitFor(
    () => weapp.pages().find((p) => p.route === 'pages/login/index' && p.all('nut-input-native').length === 2),
    'the login form',
  );
  const [phoneInput, passwordInput] = login.all('nut-input-native');
  await login.input(phoneInput, phone);
  await login.input(passwordInput, password);
  await login.tap(login.one('nut-button'));
}

/** Waits until the home page is on top and shows its tab bar; resolves with it. */
export async function homeShown(weapp: Weapp): Promise<WeappPage> {
  const home = await weapp.waitFor(() => weapp.current().route === 'pages/home/index' && weapp.current(), 'the home page');
  await weapp.waitFor(() => tabTitles(home).length > 0, 'the tab bar');
  return home;
}

/** Logs a demo person in on the login page and resolves with the home page, its tab bar shown. */
export async function logIn(weapp: Weapp, phone: string): Promise<WeappPage> {
  await submitLogin(weapp, phone, DEMO.password);
  return homeShown(weapp);
}

/** 我的 → 退出登录, then waits for the login page. */
export async function logOut(weapp: Weapp, home: WeappPage): Promise<void> {
  await openTab(home, '我的');
  await weapp.waitFor(() => home.all('hy-me__logout').length === 1, 'the 我的 tab');
  await home.tap(home.one('nut-button', home.one('hy-me__logout')));
  await weapp.waitFor(() => weapp.current().route === 'pages/login/index', 'the login page after logout');
}

/** Waits for a page opened by navigateTo / redirectTo and for its content. */
export async function pageOpened(weapp: Weapp, route: string, ready: (p: WeappPage) => boolean, what: string): Promise<WeappPage> {
  const page = await weapp.waitFor(() => weapp.current().route === route && weapp.current(), `${route} to open`);
  await weapp.waitFor(() => ready(page), what);
  return page;
}

/** The back button of the navigation bar (wx.navigateBack, as WeChat calls it). */
export function goBack(): void {
  (global as unknown as { wx: { navigateBack(): void } }).wx.navigateBack();
}

/** Restarts the app on its entry page (wx.reLaunch), as opening it afresh from WeChat would. */
export function relaunch(): void {
  (global as unknown as { wx: { reLaunch(o: { url: string }): void } }).wx.reLaunch({ url: '/pages/home/index' });
}
