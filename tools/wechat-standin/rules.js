'use strict';
/**
 * Value rules of the subscription-message keyword types, from the table «订阅消息参数值内容限制说明»
 * of WeChat's sendMessage documentation
 * (developers.weixin.qq.com/miniprogram/dev/server/API/mp-message-management/subscribe-message/api_sendmessage):
 *
 *   thing 20个以内字符 (汉字、数字、字母或符号) · number 32位以内数字, 可带小数 · letter 32位以内字母 ·
 *   symbol 5位以内符号 · character_string 32位以内数字、字母或符号 · time 24小时制时间格式(支持+年月日),
 *   时间段用“~”连接 · date 年月日格式(支持+24小时制时间), 时间段用“~”连接 · amount 1个币种符号+10位以内
 *   纯数字, 可带小数, 结尾可带“元” · phone_number 17位以内, 数字、符号 · car_number 8位以内, 第一位与最后一位
 *   可为汉字, 其余为字母或数字 · name 10个以内纯汉字或20个以内纯字母或符号 (中文和字母混合按中文名算) ·
 *   phrase 5个以内汉字.
 *   Notes under the table: 符号 = common symbols other than Chinese, English letters and digits, never control
 *   characters such as a newline; time is HH:MM:SS or HH:MM; a date is y年m月d日, y年m月, m月d日, or joined
 *   with '-', '/' or '.' (2018-01-01, 2018/01/01, 2018.01.01, 2018-01, 01-01).
 *
 * Where the table is not precise the choice made here is marked «not documented».
 * Lengths are counted in characters (code points): a Chinese character counts as one.
 * The enum type (values from getMessageTemplateList) is not supported.
 */

const HAN = /\p{Script=Han}/u;
// «not documented»: which characters count as 符号. Here: Unicode punctuation and symbols; spaces are not symbols.
const SYMBOL = /[\p{P}\p{S}]/u;
const LETTER = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const CONTROL = /\p{Cc}/u;

/** The keyword types, in the order of the documentation's table. */
const TYPES = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
];
const KEY = new RegExp(`^(${TYPES.join('|')})(\\d+)$`);

/** @param {string} s */
const length = (s) => Array.from(s).length;
/** @param {string} s @param {RegExp[]} classes */
const only = (s, ...classes) => Array.from(s).every((c) => classes.some((re) => re.test(c)));

/**
 * The type of a template keyword: WeChat names each keyword after its type («每个模板参数都会以类型为前缀»),
 * e.g. thing2, character_string1, phrase5.
 * @param {string} key
 * @returns {string | undefined}
 */
function keywordType(key) {
  const m = KEY.exec(key);
  return m ? m[1] : undefined;
}

const DATES = [
  /^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})日$/,
  /^(?<y>\d{4})年(?<m>\d{1,2})月$/,
  /^(?<m>\d{1,2})月(?<d>\d{1,2})日$/,
  /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/,
  /^(?<y>\d{4})[-/.](?<m>\d{1,2})$/,
  /^(?<m>\d{1,2})[-/.](?<d>\d{1,2})$/,
];

/** @param {string} s */
function isDate(s) {
  for (const re of DATES) {
    const g = re.exec(s)?.groups;
    if (g) return +g.m >= 1 && +g.m <= 12 && (g.d === undefined || (+g.d >= 1 && +g.d <= 31));
  }
  return false;
}

/** @param {string} s */
function isClock(s) {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  return !!m && +m[1] <= 23 && +m[2] <= 59 && (m[3] === undefined || +m[3] <= 59);
}

/**
 * One point in time: `time` needs a clock time (a date before it is allowed), `date` needs a date (a clock
 * time after it is allowed). «not documented»: the separator between date and time; any whitespace (or none)
 * is accepted.
 * @param {string} s
 * @param {'time' | 'date'} kind
 */
function isPoint(s, kind) {
  const m = /^(.*?)\s*(\d{1,2}:\d{2}(?::\d{2})?)$/.exec(s);
  if (m && isClock(m[2])) return m[1] === '' ? kind === 'time' : isDate(m[1]);
  return kind === 'date' && isDate(s);
}

/** A point, or a period of two points joined by «~». @param {string} s @param {'time' | 'date'} kind */
function isPointOrPeriod(s, kind) {
  const parts = s.split('~');
  return parts.length <= 2 && parts.every((p) => isPoint(p.trim(), kind));
}

/** @param {string} s */
function isCarNumber(s) {
  const c = Array.from(s);
  const edge = (/** @type {number} */ i) => i === 0 || i === c.length - 1;
  return c.length <= 8 && c.every((ch, i) => LETTER.test(ch) || DIGIT.test(ch) || (edge(i) && HAN.test(ch)));
}

/** @param {string} s */
function isName(s) {
  // Mixed Chinese and letters counts as a Chinese name: at most 10. «not documented»: the middle dot of
  // transliterated names (买买提·艾力) is accepted in Chinese names, spaces in Latin names.
  if (HAN.test(s)) return length(s) <= 10 && only(s, HAN, LETTER, /·/);
  return length(s) <= 20 && only(s, LETTER, SYMBOL, / /);
}

/** @type {Record<string, (v: string) => boolean>} */
const CHECKS = {
  thing: (v) => length(v) <= 20,
  // «not documented»: whether the decimal point counts among the 32; here only digits count.
  number: (v) => /^\d+(\.\d+)?$/.test(v) && v.replace('.', '').length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => length(v) <= 5 && only(v, SYMBOL),
  character_string: (v) => length(v) <= 32 && only(v, LETTER, DIGIT, SYMBOL),
  time: (v) => isPointOrPeriod(v, 'time'),
  date: (v) => isPointOrPeriod(v, 'date'),
  // «not documented»: whether the 10 digits include decimals; here they are the integer part, and the
  // currency symbol is optional (community reports show «¥214.00» and «6000.00» both accepted).
  amount: (v) => /^\p{Sc}?\d{1,10}(\.\d+)?元?$/u.test(v),
  phone_number: (v) => length(v) <= 17 && only(v, DIGIT, SYMBOL),
  car_number: isCarNumber,
  name: isName,
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

/** @type {Record<string, string>} */
const RULE_TEXT = {
  thing: 'at most 20 characters',
  number: 'digits only (at most 32), decimals allowed',
  letter: 'letters only, at most 32',
  symbol: 'symbols only, at most 5',
  character_string: 'digits, letters or symbols only, at most 32',
  time: '24-hour time HH:MM[:SS], optionally after a date; a period joins two with ~',
  date: 'a date (y年m月d日, y-m-d, y/m/d, y.m.d, y-m, m-d …), optionally with a 24-hour time; a period joins two with ~',
  amount: 'one optional currency symbol, at most 10 digits, optional decimals, optional trailing 元',
  phone_number: 'digits and symbols only, at most 17',
  car_number: 'at most 8; letters or digits, the first and last may be Chinese',
  name: 'at most 10 Chinese characters (mixed with letters), or at most 20 letters or symbols',
  phrase: 'Chinese characters only, at most 5',
};

/**
 * Checks one keyword value. Returns null when it is valid, 'empty' when it is missing or empty, otherwise
 * the rule it breaks.
 * @param {string} type one of TYPES
 * @param {unknown} value
 * @returns {null | 'empty' | string}
 */
function checkValue(type, value) {
  // The documentation types value as «any»; numbers are accepted as their decimal text.
  if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
  if (value === undefined || value === null || value === '') return 'empty';
  if (typeof value !== 'string') return 'not a string';
  if (CONTROL.test(value)) return 'control characters (such as a newline) are not allowed';
  return CHECKS[type](value) ? null : `${type}: ${RULE_TEXT[type]}`;
}

module.exports = { TYPES, keywordType, checkValue };
