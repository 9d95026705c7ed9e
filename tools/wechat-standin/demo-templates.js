'use strict';
/**
 * Demo subscription-message templates of the after-sales system (the ids are the stand-in's own; real
 * template ids come from the mini-program admin console). Each keyword key names its WeChat type.
 * @type {import('./index').Template[]}
 */
const DEMO_TEMPLATES = [
  {
    id: 'demo-dispatch',
    title: '派工通知',
    keywords: { character_string1: '工单号', thing2: '客户', thing3: '问题', time4: '派工时间', phrase5: '状态' },
  },
  {
    id: 'demo-approval-request',
    title: '审批提醒',
    keywords: { thing1: '申请事项', name2: '申请人', character_string3: '单号', time4: '提交时间', thing5: '备注' },
  },
  {
    id: 'demo-approval-result',
    title: '审批结果',
    keywords: { thing1: '申请事项', phrase2: '审批结果', name3: '审批人', time4: '审批时间', thing5: '说明' },
  },
  {
    id: 'demo-parts-sign',
    title: '待签收',
    keywords: { character_string1: '领用单号', thing2: '配件名称', number3: '数量', date4: '出库日期', phrase5: '状态' },
  },
];

module.exports = { DEMO_TEMPLATES };
