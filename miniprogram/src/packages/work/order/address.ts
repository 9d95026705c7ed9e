import Taro from '@tarojs/taro';
import { CLIENT } from '../../../api/request';

/** A point on the map (GCJ-02, what WeChat's map expects). */
export interface MapPoint {
  latitude: number;
  longitude: number;
}

/** 高德地图's search page for the address: opens the 高德 app on a phone that has it, else the web map. */
export function amapSearchUrl(address: string): string {
  return `https://uri.amap.com/search?keyword=${encodeURIComponent(address)}&src=hongyuan&callnative=1`;
}

/** 复制 the address, for a map app or a message. */
export function copyAddress(address: string, title = '地址已复制'): void {
  Promise.resolve(Taro.setClipboardData({ data: address }))
    .then(() => void Taro.showToast({ title, icon: 'none' }))
    .catch(() => void Taro.showToast({ title: '复制失败，请长按地址手动复制', icon: 'none' }));
}

/**
 * 导航 to the customer. In WeChat the map opens on a point, so only an address with its point
 * goes there; an address without one (customers' addresses are text) is copied for the map app.
 * In a browser, 高德地图 searches the address.
 */
export function navigateTo(address: string, point: MapPoint | null): void {
  if (CLIENT === 'h5') {
    window.open(amapSearchUrl(address), '_blank', 'noopener');
    return;
  }
  if (point) {
    Promise.resolve(Taro.openLocation({ ...point, name: address, address, scale: 16 })).catch(() => copyAddress(address));
    return;
  }
  copyAddress(address, '地址已复制，请在地图 App 中粘贴搜索');
}
