import { formatDateTime, shanghaiDate } from '@hongyuan/shared';

/**
 * Values of subscription-message keywords, made to pass WeChat's rules for their type (the
 * type is the key's prefix: thing2, phrase5 …) before they go into the outbox: too long is cut
 * (thing ends with …), characters the type does not allow are dropped, an empty value becomes a
 * placeholder (WeChat refuses empty values), control characters become spaces.
 */
export type TemplateData = Record<string, { value: string }>;

const CHINESE = /\p{Script=Han}/u;
const LIMITS: Record<string, number> = {
  thing: 20,
  character_string: 32,
  number: 32,
  letter: 32,
  phrase: 5,
  name: 10,
  phone_number: 17,
  car_number: 8,
  symbol: 5,
};

export function typeOfKey(key: string): string {
  return key.replace(/\d+$/, '');
}

export function fitValue(key: string, raw: string | number | Date): string {
  const type = typeOfKey(key);
  if (type === 'time') return raw instanceof Date || typeof raw === 'number' ? formatDateTime(raw) : String(raw);
  if (type === 'date') return raw instanceof Date || typeof raw === 'number' ? shanghaiDate(raw) : String(raw);
  let v = String(raw)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  const chars = () => [...v];
  switch (type) {
    case 'character_string':
      v = chars()
        .filter((c) => /[\x21-\x7e]/.test(c))
        .join('');
      break;
    case 'number':
      v = v.replace(/[^\d.]/g, '');
      break;
    case 'phrase':
      v = chars()
        .filter((c) => CHINESE.test(c))
        .join('');
      break;
    case 'name':
      v = chars()
        .filter((c) => CHINESE.test(c) || /[A-Za-z]/.test(c))
        .join('');
      break;
  }
  const limit = LIMITS[type];
  if (limit && [...v].length > limit) v = type === 'thing' ? [...v].slice(0, limit - 1).join('') + '…' : [...v].slice(0, limit).join('');
  if (!v) v = type === 'character_string' ? '-' : type === 'number' ? '0' : '无';
  return v;
}

/** { key: raw } -> WeChat's { key: { value } } with every value fitted. */
export function templateData(values: Record<string, string | number | Date>): TemplateData {
  const out: TemplateData = {};
  for (const [key, raw] of Object.entries(values)) out[key] = { value: fitValue(key, raw) };
  return out;
}
