'use strict';
// The value rules of each keyword type at their boundaries, through a real send of the all-types template.
const { start } = require('./helpers');

/** @type {Awaited<ReturnType<typeof start>>} */
let t;
/** @type {string} */ let openid;
/** @type {string} */ let token;
beforeAll(async () => {
  t = await start();
  ({ openid, token } = await t.setup());
});
afterAll(() => t.standin.close());

/** @type {Record<string, string>} */
const VALID = {
  thing1: '发动机异响',
  number2: '3',
  letter3: 'ABC',
  symbol4: '#',
  character_string5: 'WO-001',
  time6: '15:01',
  date7: '2019年10月1日',
  amount8: '¥214.00',
  phone_number9: '0578-6123456',
  car_number10: '浙K12345',
  name11: '张三',
  phrase12: '待处理',
};

/** @type {[string, unknown, boolean][]} key, value, accepted */
const CASES = [
  ['thing1', 'x'.repeat(20), true],
  ['thing1', 'x'.repeat(21), false],
  ['thing1', '汉'.repeat(20), true],
  ['thing1', '汉'.repeat(21), false],
  ['thing1', '第一行\n第二行', false],
  ['number2', '9'.repeat(32), true],
  ['number2', '9'.repeat(33), false],
  ['number2', '1234567890.5', true],
  ['number2', 1234, true],
  ['number2', '-1', false],
  ['number2', '1,000', false],
  ['letter3', 'a'.repeat(32), true],
  ['letter3', 'a'.repeat(33), false],
  ['letter3', 'abc1', false],
  ['symbol4', '#$%&*', true],
  ['symbol4', '#$%&*!', false],
  ['symbol4', 'a', false],
  ['character_string5', 'A'.repeat(32), true],
  ['character_string5', 'A'.repeat(33), false],
  ['character_string5', 'WO-2025/03_01#7', true],
  ['character_string5', '测试订阅消息1', false],
  ['character_string5', 'WO 001', false],
  ['time6', '15:01', true],
  ['time6', '15:01:59', true],
  ['time6', '2019年10月1日 15:01', true],
  ['time6', '2020-08-17 20:33:09', true],
  ['time6', '09:00~18:00', true],
  ['time6', '2025-03-01 09:00 ~ 2025-03-01 18:00', true],
  ['time6', '24:00', false],
  ['time6', '15:60', false],
  ['time6', '2019年10月1日', false],
  ['time6', '下午3点', false],
  ['time6', '09:00~12:00~18:00', false],
  ['date7', '2019年10月1日', true],
  ['date7', '2019年10月', true],
  ['date7', '10月1日', true],
  ['date7', '2018-01-01', true],
  ['date7', '2018/01/01', true],
  ['date7', '2018.01.01', true],
  ['date7', '2018-01', true],
  ['date7', '01-01', true],
  ['date7', '2019年10月1日 15:01', true],
  ['date7', '2025-03-01~2025-03-03', true],
  ['date7', '2018-13-01', false],
  ['date7', '2018-01/01', false],
  ['date7', '15:01', false],
  ['date7', '明天', false],
  ['amount8', '¥1234567890.99', true],
  ['amount8', '¥12345678901', false],
  ['amount8', '100元', true],
  ['amount8', '￥5', true],
  ['amount8', '6000.00', true],
  ['amount8', '¥¥5', false],
  ['amount8', 'RMB5', false],
  ['phone_number9', '+86-0766-66888866', true],
  ['phone_number9', '+86-0766-668888667', false],
  ['phone_number9', '13800138000', true],
  ['phone_number9', '1380013800a', false],
  ['car_number10', '粤A8Z888挂', true],
  ['car_number10', '粤A8Z888挂1', false],
  ['car_number10', '浙KD12345', true],
  ['car_number10', '浙K-12345', false],
  ['car_number10', 'A中123', false],
  ['name11', '张'.repeat(10), true],
  ['name11', '张'.repeat(11), false],
  ['name11', 'a'.repeat(20), true],
  ['name11', 'a'.repeat(21), false],
  ['name11', 'Zhang San', true],
  ['name11', '张三Li', true],
  ['name11', '买买提·艾力', true],
  ['name11', '张三3', false],
  ['phrase12', '五个汉字啊', true],
  ['phrase12', '六个汉字啊啊', false],
  ['phrase12', '通过!', false],
  ['phrase12', 'OK', false],
];

test.each(CASES)('%s = %j → accepted: %s', async (key, value, accepted) => {
  const data = Object.fromEntries(Object.entries(VALID).map(([k, v]) => [k, { value: k === key ? value : v }]));
  if (accepted) await t.tap(openid, 'all-types');
  const answer = await t.send(token, { touser: openid, template_id: 'all-types', data });
  if (accepted) expect(answer).toEqual({ errcode: 0, errmsg: 'ok' });
  else
    expect(answer).toMatchObject({
      errcode: 47003,
      errmsg: expect.stringMatching(new RegExp(`^argument invalid! data\\.${key}\\.value invalid`)),
    });
});
