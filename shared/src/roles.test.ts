import { defaultMobileRole, mobileTabsFor } from './roles';
import { can, permissionsOf, PERMISSIONS, ROLE_PERMISSIONS } from './permissions';
import { availableActions, canTransition } from './work-order';

describe('mobile tabs by role', () => {
  it('gives each mobile role its three tabs, 消息 and 我的', () => {
    expect(mobileTabsFor('technician')).toEqual(['orders', 'parts', 'messages', 'me']);
    expect(mobileTabsFor('keeper')).toEqual(['approvals', 'stock', 'messages', 'me']);
    expect(mobileTabsFor('supervisor')).toEqual(['dispatch', 'stats', 'messages', 'me']);
  });
  it('gives desk-only roles just 消息 and 我的', () => {
    expect(mobileTabsFor('service')).toEqual(['messages', 'me']);
    expect(mobileTabsFor(undefined)).toEqual(['messages', 'me']);
  });
  it('starts a person with several roles in his first mobile role', () => {
    expect(defaultMobileRole(['service', 'keeper', 'technician'])).toBe('technician');
    expect(defaultMobileRole(['admin', 'followup'])).toBeUndefined();
  });
});

describe('permissions', () => {
  it('grants admin everything but keeps technicians away from cost prices and master-data writes', () => {
    expect(can(['admin'], 'employee.manage')).toBe(true);
    expect(can(['technician'], 'part.cost')).toBe(false);
    expect(can(['technician'], 'customer.write')).toBe(false);
    expect(can(['technician'], 'part.read')).toBe(true);
  });
  it('merges the permissions of several roles', () => {
    const p = permissionsOf(['technician', 'keeper']);
    expect(p.has('part.cost')).toBe(true);
    expect(p.has('login')).toBe(true);
  });
  it('lets 客服 create orders and follow them up (建单 and 回访), but not dispatch or settle', () => {
    expect(can(['service'], 'workorder.create')).toBe(true);
    expect(can(['service'], 'workorder.followup')).toBe(true);
    expect(can(['service'], 'workorder.dispatch')).toBe(false);
    expect(can(['service'], 'workorder.settle')).toBe(false);
    expect(can(['followup'], 'workorder.followup')).toBe(true);
    // ... and the state machine lets him end the follow-up or send the order back for rework.
    expect(canTransition('pending_followup', 'close', ['service'])).toBe(true);
    expect(canTransition('pending_followup', 'rework', ['service'])).toBe(true);
    expect(availableActions('pending_followup', ['service'], false)).toEqual(['close', 'rework']);
    expect(canTransition('finished', 'settle', ['service'])).toBe(false);
    expect(canTransition('pending_dispatch', 'dispatch', ['service'])).toBe(false);
  });
  it('only grants permissions that exist', () => {
    for (const list of Object.values(ROLE_PERMISSIONS)) for (const p of list) expect(PERMISSIONS).toContain(p);
  });
});
