/** Pages of the work-order subpackage (packages/work); the lists themselves are tabs of pages/home. */
const ROOT = '/packages/work';

export const WORK_PAGES = {
  order: (id: number) => `${ROOT}/order/index?id=${id}`,
};
