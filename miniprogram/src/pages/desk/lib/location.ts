/**
 * The desk keeps its current view in the hash query (#/pages/desk/index?view=parts), so a
 * reload or a shared link opens the same view. replaceState keeps Taro's history state.
 */
function splitHash(): { base: string; params: URLSearchParams } {
  const hash = window.location.hash.replace(/^#/, '');
  const i = hash.indexOf('?');
  return { base: i < 0 ? hash : hash.slice(0, i), params: new URLSearchParams(i < 0 ? '' : hash.slice(i + 1)) };
}

export function readViewParam(): string | null {
  return splitHash().params.get('view');
}

export function writeViewParam(view: string): void {
  const { base, params } = splitHash();
  if (params.get('view') === view) return;
  params.set('view', view);
  const url = `${window.location.pathname}${window.location.search}#${base || '/pages/desk/index'}?${params.toString()}`;
  window.history.replaceState(window.history.state, '', url);
}
