/**
 * The desk keeps its current view in the hash query (#/pages/desk/index?view=parts), so a
 * reload or a shared link opens the same view. replaceState keeps Taro's history state.
 * A view may carry one more parameter, `open` (the id of the document its drawer shows).
 */
function splitHash(): { base: string; params: URLSearchParams } {
  const hash = window.location.hash.replace(/^#/, '');
  const i = hash.indexOf('?');
  return { base: i < 0 ? hash : hash.slice(0, i), params: new URLSearchParams(i < 0 ? '' : hash.slice(i + 1)) };
}

export function readViewParam(): string | null {
  return splitHash().params.get('view');
}

/** Any parameter of the hash query (`doc`, `id`, `open`). */
export function readParam(name: string): string | null {
  return splitHash().params.get(name);
}

/** A positive integer parameter, or null. */
export function readIdParam(name: string): number | null {
  const v = readParam(name);
  return v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : null;
}

export function writeViewParam(view: string, extra: Record<string, string | number | null> = {}): void {
  const { base, params } = splitHash();
  const same = params.get('view') === view && Object.entries(extra).every(([k, v]) => params.get(k) === (v === null ? null : String(v)));
  if (same) return;
  if (params.get('view') !== view) {
    // A new view starts without the previous view's parameters; pc=1 (电脑版 on a phone) is the
    // desk's own and stays, so a reload keeps the desk.
    for (const k of [...params.keys()]) if (k !== 'pc') params.delete(k);
  }
  params.set('view', view);
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) params.delete(k);
    else params.set(k, String(v));
  }
  const url = `${window.location.pathname}${window.location.search}#${base || '/pages/desk/index'}?${params.toString()}`;
  window.history.replaceState(window.history.state, '', url);
}

/** The address of a desk page with the given query (for a new window, e.g. a print sheet). */
export function deskUrl(params: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `${window.location.pathname}${window.location.search}#/pages/desk/index?${q.toString()}`;
}
