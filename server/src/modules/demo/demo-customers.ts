import { seededRandom } from './demo-random';

/** A customer of the shop: contacts (name, phone), addresses inside 庆元县, vehicles. */
export interface DemoCustomer {
  kind: 'person' | 'company';
  name: string;
  level?: '会员' | '车队';
  taxNumber?: string;
  remark?: string;
  contacts: [name: string, phone: string][];
  addresses: string[];
  /** plate (normalized), DEMO_MODELS key, year, mileage in km */
  vehicles: [plate: string, model: string, year: number, mileage: number][];
}

export const ADDRESS_PREFIX = '浙江省丽水市庆元县';

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    kind: 'company',
    name: '庆元县百山祖旅游客运有限公司',
    level: '车队',
    taxNumber: '91331126MA28F3KX2P',
    remark: '月结，每月 25 日对账',
    contacts: [
      ['周志明', '13905786123'],
      ['调度室', '0578-6121588'],
    ],
    addresses: ['濛洲街道石龙街 19 号 客运中心'],
    vehicles: [
      ['浙K5G832', 'gl8-20', 2020, 96500],
      ['浙K6A217', 'gl8-20', 2020, 112300],
      ['浙K2M655', 'h6-21', 2021, 54800],
    ],
  },
  {
    kind: 'company',
    name: '庆元县松源镇卫生院',
    level: '车队',
    taxNumber: '12331126470520881K',
    contacts: [['胡春兰', '13757812456']],
    addresses: ['松源街道大济路 21 号'],
    vehicles: [
      ['浙K0M318', 'hongguang-19', 2019, 78600],
      ['浙K8C502', 'corolla-21', 2021, 31200],
    ],
  },
  {
    kind: 'company',
    name: '庆元县恒达物流有限公司',
    level: '车队',
    taxNumber: '91331126MA2A1B7C3X',
    contacts: [
      ['吴永华', '13867890321'],
      ['刘敏', '0578-6225367'],
    ],
    addresses: ['屏都街道工业园区兴业路 8 号', '竹口镇竹口村物流园 3 号仓'],
    vehicles: [
      ['浙K7H290', 'hongguang-16', 2016, 186400],
      ['浙K7H291', 'hongguang-19', 2019, 142300],
      ['浙K3W806', 'wingle-19', 2019, 98750],
    ],
  },
  {
    kind: 'company',
    name: '庆元县锦程汽车租赁有限公司',
    level: '车队',
    taxNumber: '91331126MA2E5R8N1D',
    remark: '租赁车辆，保养按里程提醒',
    contacts: [['姚军', '15857867788']],
    addresses: ['濛洲街道新建路 302 号'],
    vehicles: [
      ['浙K9L118', 'lavida-21', 2021, 67800],
      ['浙K9L119', 'lavida-21', 2021, 72150],
      ['浙K9L120', 'sylphy-20', 2020, 88400],
    ],
  },
  {
    kind: 'company',
    name: '庆元县菇乡农业开发有限公司',
    level: '会员',
    taxNumber: '91331126MA29K6T4XW',
    contacts: [['叶新民', '13906782234']],
    addresses: ['黄田镇黄田村菇乡路 6 号'],
    vehicles: [
      ['浙K1F637', 'wingle-19', 2019, 76500],
      ['浙K2F915', 'cs75-20', 2020, 45600],
    ],
  },
  {
    kind: 'company',
    name: '庆元县竹口镇中心小学',
    contacts: [
      ['张建', '13587129876'],
      ['周晓玲', '0578-6551203'],
    ],
    addresses: ['竹口镇竹口村学府路 1 号'],
    vehicles: [['浙K6D082', 'excelle-19', 2019, 52300]],
  },
  {
    kind: 'company',
    name: '庆元县绿源竹木制品有限公司',
    level: '会员',
    taxNumber: '91331126MA2B3D9F6H',
    contacts: [['练国庆', '13857805566']],
    addresses: ['屏都街道工业园区竹源路 15 号'],
    vehicles: [
      ['浙K3R561', 'crv-19', 2019, 83200],
      ['浙K5P270', 'hongguang-19', 2019, 120500],
    ],
  },
  {
    kind: 'company',
    name: '庆元县荷地镇农业服务中心',
    contacts: [['范志伟', '15906781122']],
    addresses: ['荷地镇荷地村中心街 35 号'],
    vehicles: [['浙K4N783', 'wingle-19', 2019, 65400]],
  },
  {
    kind: 'company',
    name: '庆元县顺达建材有限公司',
    level: '车队',
    taxNumber: '91331126MA2C7H2K5M',
    contacts: [['沈国良', '13735970088']],
    addresses: ['松源街道城北路 188 号'],
    vehicles: [
      ['浙K8Y636', 'h6-21', 2021, 38900],
      ['浙K0T215', 'passat-19', 2019, 102300],
    ],
  },
  {
    kind: 'person',
    name: '吴建平',
    level: '会员',
    contacts: [['吴建平', '13957801234']],
    addresses: ['松源街道新建路 56 号'],
    vehicles: [['浙K3B721', 'lavida-21', 2021, 38650]],
  },
  {
    kind: 'person',
    name: '叶志强',
    contacts: [['叶志强', '15988061235']],
    addresses: ['濛洲街道濛洲街 120 号 3 单元 502 室'],
    vehicles: [
      ['浙K2C906', 'corolla-17', 2017, 128400],
      ['浙KD18266', 'qin-21', 2022, 21500],
    ],
  },
  {
    kind: 'person',
    name: '周秀英',
    contacts: [
      ['周秀英', '13732518876'],
      ['季军', '15067895432'],
    ],
    addresses: ['屏都街道庆元大道 218 号'],
    vehicles: [['浙K7E153', 'emgrand-20', 2020, 42100]],
    remark: '儿子季军常来送修',
  },
  {
    kind: 'person',
    name: '胡国平',
    level: '会员',
    contacts: [['胡国平', '13867817755']],
    addresses: ['竹口镇竹口村新街 12 号'],
    vehicles: [
      ['浙K5J327', 'h6-21', 2021, 36780],
      ['浙K1A908', 'hongguang-16', 2016, 215600],
    ],
  },
  {
    kind: 'person',
    name: '刘海燕',
    contacts: [['刘海燕', '18857808123']],
    addresses: ['松源街道五都路 45 号'],
    vehicles: [['浙K6S810', 'civic-20', 2020, 29870]],
  },
  {
    kind: 'person',
    name: '吴晓东',
    contacts: [['吴晓东', '13587188642']],
    addresses: ['濛洲街道石龙街 66 号'],
    vehicles: [['浙K9B543', '3series-20', 2020, 41200]],
  },
  {
    kind: 'person',
    name: '陈丽华',
    contacts: [['陈丽华', '15157890326']],
    addresses: ['屏都街道菇城大道 9 号 金菇花园 8 幢'],
    vehicles: [['浙K0C772', 'sylphy-20', 2020, 58900]],
  },
  {
    kind: 'person',
    name: '季建新',
    level: '会员',
    contacts: [['季建新', '13905781189']],
    addresses: ['黄田镇黄田村 118 号'],
    vehicles: [
      ['浙K2G119', 'wingle-19', 2019, 87300],
      ['浙K8F446', 'lavida-18', 2018, 96200],
    ],
  },
  {
    kind: 'person',
    name: '毛伟',
    contacts: [['毛伟', '18757826690']],
    addresses: ['松源街道大济路 77 号'],
    vehicles: [['浙K4K238', 'accord-19', 2019, 63400]],
  },
  {
    kind: 'person',
    name: '姚红梅',
    contacts: [['姚红梅', '13676585512']],
    addresses: ['濛洲街道新建路 18 号'],
    vehicles: [['浙K5Q627', 'song-20', 2020, 34500]],
  },
  {
    kind: 'person',
    name: '范小军',
    contacts: [['范小军', '15268891047']],
    addresses: ['荷地镇坑头村 23 号'],
    vehicles: [['浙K6W390', 'hongguang-19', 2019, 102800]],
  },
  {
    kind: 'person',
    name: '练春生',
    level: '会员',
    contacts: [
      ['练春生', '13957867730'],
      ['吴美娟', '13967853342'],
    ],
    addresses: ['屏都街道庆元大道 506 号', '松源街道城东路 8 号 春生茶叶店'],
    vehicles: [
      ['浙K1R852', 'camry-19', 2019, 71500],
      ['浙K3D267', 'rav4-20', 2020, 46300],
    ],
  },
  {
    kind: 'person',
    name: '吴雪芬',
    contacts: [['吴雪芬', '13616785520']],
    addresses: ['松源街道城东路 31 号'],
    vehicles: [['浙K8B025', 'corolla-21', 2021, 22300]],
  },
  {
    kind: 'person',
    name: '叶美琴',
    contacts: [['叶美琴', '15805789934']],
    addresses: ['竹口镇枫堂村 57 号'],
    vehicles: [['浙K2E683', 'elantra-19', 2019, 54700]],
  },
  {
    kind: 'person',
    name: '杨俊',
    contacts: [['杨俊', '18969883321']],
    addresses: ['濛洲街道濛洲街 233 号'],
    vehicles: [['浙K7V165', 'cclass-20', 2020, 38100]],
  },
  {
    kind: 'person',
    name: '周建华',
    contacts: [['周建华', '13567821198']],
    addresses: ['黄田镇岭头村 8 号'],
    vehicles: [['浙K0H937', 'focus-19', 2019, 76800]],
  },
  {
    kind: 'person',
    name: '李慧',
    contacts: [['李慧', '15990887612']],
    addresses: ['屏都街道后田路 14 号'],
    vehicles: [['浙K5M204', 'excelle-19', 2019, 49500]],
  },
  {
    kind: 'person',
    name: '金晓峰',
    level: '会员',
    contacts: [['金晓峰', '13735922468']],
    addresses: ['松源街道新建路 140 号'],
    vehicles: [
      ['浙K4A756', 'a4l-20', 2020, 53900],
      ['浙K9E318', 'sagitar-20', 2020, 61200],
    ],
  },
  {
    kind: 'person',
    name: '胡碧云',
    contacts: [['胡碧云', '13868762295']],
    addresses: ['荷地镇荷地村老街 5 号'],
    vehicles: [['浙K3T509', 'boyue-21', 2021, 28600]],
  },
  {
    kind: 'person',
    name: '沈磊',
    contacts: [['沈磊', '18367812250']],
    addresses: ['濛洲街道石龙街 201 号'],
    vehicles: [['浙K6L491', 'crv-19', 2019, 79200]],
  },
  {
    kind: 'person',
    name: '王芳芳',
    contacts: [['王芳芳', '15868810937']],
    addresses: ['竹口镇竹口村竹中路 3 号'],
    vehicles: [['浙K1N620', 'cs75-20', 2020, 39800]],
  },
  {
    kind: 'person',
    name: '吴永康',
    contacts: [['吴永康', '13905789901']],
    addresses: ['屏都街道庆元大道 99 号'],
    vehicles: [['浙KD76031', 'qin-21', 2021, 18700]],
  },
];

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_VALUE: Record<string, number> = Object.fromEntries(
  [...'ABCDEFGH']
    .map((c, i) => [c, i + 1])
    .concat(
      [...'JKLMN'].map((c, i) => [c, i + 1]),
      [
        ['P', 7],
        ['R', 9],
      ],
      [...'STUVWXYZ'].map((c, i) => [c, i + 2]),
      [...'0123456789'].map((c) => [c, Number(c)]),
    ),
);
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Model-year letters of position 10, from 2010 (A); I, O, Q, U, Z and 0 are never used. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY';

/** The ninth character of a VIN (GB 16735 / ISO 3779): weighted sum modulo 11, 10 written X. */
export function vinCheckDigit(vin: string): string {
  const sum = [...vin].reduce((s, c, i) => s + (VIN_VALUE[c] ?? 0) * VIN_WEIGHTS[i], 0);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

/** A plausible, valid VIN for a demo vehicle: maker prefix, random body, check digit, year. */
export function demoVinFactory(seed: number): (wmi: string, year: number) => string {
  const rand = seededRandom(seed);
  const pick = (n: number, chars = VIN_CHARS) => Array.from({ length: n }, () => chars[Math.floor(rand() * chars.length)]).join('');
  return (wmi, year) => {
    const draft = `${wmi}${pick(5)}0${YEAR_CODES[(year - 2010) % YEAR_CODES.length]}${pick(1)}${pick(6, '0123456789')}`;
    return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
  };
}
