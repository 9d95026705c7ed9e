/** Whether a browser page may use the camera, known before asking (see ScanButton, h5-scanner). */

/** Why the camera cannot be used: each gets its own line above the manual entry. */
export type CameraProblem = 'insecure' | 'unsupported' | 'denied' | 'none' | 'failed';

export const CAMERA_PROBLEM_TEXT: Record<CameraProblem, string> = {
  insecure: '当前网页不是 https 安全连接，浏览器不允许调用摄像头',
  unsupported: '浏览器中不能调用摄像头扫码',
  denied: '没有摄像头权限（可在浏览器设置中允许后重试）',
  none: '没有找到摄像头',
  failed: '摄像头打不开',
};

/**
 * The problem known before asking, or null: try the camera. Outside a secure context (https or
 * localhost) browsers leave navigator.mediaDevices out altogether.
 */
export function cameraProblemUpFront(): CameraProblem | null {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return 'unsupported';
  if (typeof (navigator.mediaDevices as MediaDevices | undefined)?.getUserMedia === 'function') return null;
  return window.isSecureContext === false ? 'insecure' : 'unsupported';
}
