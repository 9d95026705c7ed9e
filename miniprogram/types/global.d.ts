/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.less';
declare module '*.scss';
declare module '*.sass';
declare module '*.styl';

/** Base URL of the API, set by config/index.ts: '' on H5 (same origin), absolute on weapp. */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量, 会影响到最终构建生成产物 */
    NODE_ENV: 'development' | 'production' | 'test';
    /** 当前构建的平台 */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** 小程序 appid */
    TARO_APP_ID: string;
    /** weapp: absolute base URL of the API server, e.g. https://api.example.com */
    TARO_APP_API_BASE?: string;
  }
}
