import type { Permission, z } from '@hongyuan/shared';

const ACCESS_KEY = Symbol('hongyuan:access');

export interface AccessSpec {
  permission: Permission;
  /** For the OpenAPI description: the schemas this route parses. */
  body?: z.ZodTypeAny;
  query?: z.ZodTypeAny;
  /** The route answers a file, not the JSON envelope. */
  file?: string;
  /** Open to an employee who must change his password first (me, logout, 修改密码); every other route refuses him. */
  duringPasswordChange?: boolean;
}

/**
 * Declares who may call a route (and, for the API description, what it takes). Every route
 * must carry one: the guard refuses a route without it and a test walks them all.
 */
export function Access(permission: Permission, spec: Omit<AccessSpec, 'permission'> = {}): MethodDecorator {
  return (target, propertyKey) => {
    Reflect.defineMetadata(ACCESS_KEY, { permission, ...spec }, target, propertyKey);
  };
}

/** A controller class, as Midway hands it to the guard. */
export type ControllerClass = abstract new (...args: never[]) => unknown;

export function accessOf(controller: ControllerClass, method: string): AccessSpec | undefined {
  return Reflect.getMetadata(ACCESS_KEY, controller.prototype, method);
}
