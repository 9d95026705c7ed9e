import type { PART_CATEGORIES } from '@hongyuan/shared';
import { between, seededRandom } from './demo-random';

type Category = (typeof PART_CATEGORIES)[number];

export interface DemoPart {
  code: string;
  name: string;
  model: string;
  spec: string;
  unit: string;
  category: Category;
  costPrice: number;
  salePrice: number;
  minStock: number;
  /** Keys of DEMO_MODELS the part fits; empty for universal consumables. */
  fits: string[];
}

/**
 * Wear parts by engine family: the OE number is the code (as printed on the box), the
 * aftermarket brand and its own number go into the name and model.
 */
const FAMILIES: { label: string; fits: string[]; tier: number; oe: [string, string, string, string, string, string, string] }[] = [
  {
    label: '大众EA211',
    fits: ['lavida-21', 'lavida-18', 'sagitar-20'],
    tier: 1.3,
    oe: ['04E115561H', '5Q0129620D', '5Q0819653', '5Q0201051J', '5Q0698151D', '5Q0698451M', '04E905601B'],
  },
  {
    label: '大众/奥迪EA888',
    fits: ['passat-19', 'a4l-20'],
    tier: 1.8,
    oe: ['06L115562B', '3Q0129620A', '3Q0819653A', '5Q0201051P', '3Q0698151A', '5Q0698451P', '06K905601M'],
  },
  {
    label: '丰田卡罗拉',
    fits: ['corolla-21', 'corolla-17'],
    tier: 1.3,
    oe: ['90915-YZZE1', '17801-0T030', '87139-0D010', '23300-0T020', '04465-02220', '04466-02200', '90919-01253'],
  },
  {
    label: '丰田凯美瑞/RAV4',
    fits: ['camry-19', 'rav4-20'],
    tier: 1.4,
    oe: ['04152-YZZA6', '17801-F0050', '87139-F4010', '77024-06200', '04465-33450', '04466-33160', '90919-01275'],
  },
  {
    label: '本田',
    fits: ['accord-19', 'civic-20', 'crv-19'],
    tier: 1.3,
    oe: ['15400-RTA-003', '17220-5PA-A00', '80292-TBA-A11', '17048-TBA-A00', '45022-TBA-A01', '43022-TBA-A00', '12290-59B-003'],
  },
  {
    label: '日产轩逸',
    fits: ['sylphy-20'],
    tier: 1.1,
    oe: ['15208-65F0E', '16546-3RC0A', '27277-4JA0A', '16400-3AX0A', 'D1060-3RB0A', 'D4060-3RB0A', '22401-ED71B'],
  },
  {
    label: '别克',
    fits: ['excelle-19', 'gl8-20'],
    tier: 1.3,
    oe: ['55594651', '13367308', '13271191', '13519238', '13301234', '13301256', '55591829'],
  },
  {
    label: '五菱宏光',
    fits: ['hongguang-19', 'hongguang-16'],
    tier: 0.8,
    oe: ['24100033', '24540178', '23934412', '24524590', '24537713', '24513522', '24573180'],
  },
  {
    label: '长安CS75',
    fits: ['cs75-20'],
    tier: 1,
    oe: ['F01A4111', 'S201058-0100', 'S101076-0800', 'S201018-0300', 'S301035-0300', 'S301036-0300', 'H15T-3707100'],
  },
  {
    label: '吉利',
    fits: ['emgrand-20', 'boyue-21'],
    tier: 1,
    oe: ['1016051367', '1016051390', '8022043200', '1016051412', '4050011000', '4050015600', '1016051419'],
  },
  {
    label: '长城/哈弗',
    fits: ['h6-21', 'wingle-19'],
    tier: 1,
    oe: ['1012100XEG01', '1109101XKZ16A', '8104400XKZ16A', '1105100XEG01', '3501175XKZ16A', '3502340XKZ16A', '3707100XEG01'],
  },
  {
    label: '比亚迪',
    fits: ['qin-21', 'song-20'],
    tier: 1,
    oe: ['BYD476ZQA-1012010', '10136327-00', '10122566-00', '10095722-00', '10184591-00', '10184592-00', 'BYD476ZQA-3707010'],
  },
  {
    label: '奔驰C级',
    fits: ['cclass-20'],
    tier: 2.4,
    oe: ['A2701800109', 'A2740940004', 'A2058350147', 'A2054700700', 'A0004209900', 'A0004209800', 'A0041591703'],
  },
  {
    label: '宝马3系',
    fits: ['3series-20'],
    tier: 2.3,
    oe: ['11428575211', '13718577170', '64119321875', '13328584875', '34106888459', '34216888457', '12120037244'],
  },
  {
    label: '现代领动',
    fits: ['elantra-19'],
    tier: 1,
    oe: ['26300-35505', '28113-F2000', '97133-F2000', '31112-F2000', '58101-F2A00', '58302-F2A10', '18846-11070'],
  },
  { label: '福特福克斯', fits: ['focus-19'], tier: 1, oe: ['1883037', '2011848', '1776995', '2013291', '2088627', '2088631', 'CYFS-12-Y'] },
];

/** The seven wear parts of every family, in the order of FAMILIES' oe numbers. */
const WEAR_PARTS: {
  name: string;
  brands: [string, string][];
  spec: string;
  unit: string;
  category: Category;
  cost: [number, number];
  minStock: number;
}[] = [
  {
    name: '机油滤清器',
    brands: [
      ['曼牌', 'W'],
      ['马勒', 'OC'],
      ['博世', '0986AF'],
    ],
    spec: '旋装式',
    unit: '个',
    category: '滤清器',
    cost: [16, 32],
    minStock: 10,
  },
  {
    name: '空气滤清器',
    brands: [
      ['曼牌', 'C'],
      ['马勒', 'LX'],
    ],
    spec: '纸质滤芯',
    unit: '个',
    category: '滤清器',
    cost: [22, 42],
    minStock: 8,
  },
  {
    name: '空调滤清器',
    brands: [
      ['曼牌', 'CUK'],
      ['博世', '0986AF5'],
    ],
    spec: '活性炭',
    unit: '个',
    category: '空调',
    cost: [28, 55],
    minStock: 8,
  },
  {
    name: '汽油滤清器',
    brands: [
      ['博世', 'F026'],
      ['马勒', 'KL'],
    ],
    spec: '燃油滤芯',
    unit: '个',
    category: '滤清器',
    cost: [35, 70],
    minStock: 4,
  },
  {
    name: '前刹车片',
    brands: [
      ['博世', '0986T'],
      ['菲罗多', 'FDB'],
      ['布雷博', 'P'],
    ],
    spec: '陶瓷配方 一套4片',
    unit: '套',
    category: '制动系统',
    cost: [110, 200],
    minStock: 4,
  },
  {
    name: '后刹车片',
    brands: [
      ['博世', '0986T'],
      ['菲罗多', 'FDB'],
    ],
    spec: '陶瓷配方 一套4片',
    unit: '套',
    category: '制动系统',
    cost: [90, 160],
    minStock: 4,
  },
  {
    name: '火花塞',
    brands: [
      ['NGK', 'ILKAR7'],
      ['博世', 'FR7'],
      ['电装', 'IK20'],
    ],
    spec: '铱金 间隙1.0mm',
    unit: '只',
    category: '点火系统',
    cost: [22, 42],
    minStock: 12,
  },
];

/** Universal consumables, sold by barcode (EAN-13 is computed from the 12 digits given). */
const CONSUMABLES: {
  ean12: string;
  name: string;
  model: string;
  spec: string;
  unit: string;
  category: Category;
  cost: number;
  minStock: number;
  fits?: string[];
}[] = [
  {
    ean12: '692018600451',
    name: '瓦尔塔 蓄电池 6-QW-60',
    model: 'L2-400',
    spec: '12V 60Ah',
    unit: '只',
    category: '电气',
    cost: 360,
    minStock: 3,
  },
  {
    ean12: '692018600452',
    name: '瓦尔塔 蓄电池 6-QW-45',
    model: 'L1-400',
    spec: '12V 45Ah',
    unit: '只',
    category: '电气',
    cost: 285,
    minStock: 2,
  },
  {
    ean12: '692018600453',
    name: '瓦尔塔 蓄电池 6-QW-70',
    model: 'L3-400',
    spec: '12V 70Ah',
    unit: '只',
    category: '电气',
    cost: 455,
    minStock: 2,
  },
  {
    ean12: '690123450154',
    name: '风帆 蓄电池 6-QW-54',
    model: '54459',
    spec: '12V 54Ah',
    unit: '只',
    category: '电气',
    cost: 268,
    minStock: 2,
  },
  {
    ean12: '690123460080',
    name: '骆驼 蓄电池 6-QW-80',
    model: 'L4-800',
    spec: '12V 80Ah',
    unit: '只',
    category: '电气',
    cost: 520,
    minStock: 1,
  },
  {
    ean12: '695010085257',
    name: '米其林 轮胎 205/55R16',
    model: '浩悦4 91V',
    spec: '205/55R16',
    unit: '条',
    category: '轮胎',
    cost: 455,
    minStock: 4,
    fits: [
      'lavida-21',
      'lavida-18',
      'sagitar-20',
      'corolla-17',
      'sylphy-20',
      'civic-20',
      'excelle-19',
      'emgrand-20',
      'elantra-19',
      'focus-19',
    ],
  },
  {
    ean12: '695010085258',
    name: '米其林 轮胎 215/55R17',
    model: '浩悦4 94V',
    spec: '215/55R17',
    unit: '条',
    category: '轮胎',
    cost: 620,
    minStock: 4,
    fits: ['passat-19', 'camry-19', 'accord-19'],
  },
  {
    ean12: '692345100195',
    name: '普利司通 轮胎 195/65R15',
    model: 'EP150 91H',
    spec: '195/65R15',
    unit: '条',
    category: '轮胎',
    cost: 365,
    minStock: 4,
    fits: ['corolla-21', 'sylphy-20', 'emgrand-20'],
  },
  {
    ean12: '692345200225',
    name: '固特异 轮胎 225/65R17',
    model: 'EfficientGrip SUV 102H',
    spec: '225/65R17',
    unit: '条',
    category: '轮胎',
    cost: 640,
    minStock: 4,
    fits: ['crv-19', 'rav4-20', 'cs75-20', 'h6-21'],
  },
  {
    ean12: '692345300185',
    name: '佳通 轮胎 185/70R14',
    model: 'Comfort 228 88H',
    spec: '185/70R14',
    unit: '条',
    category: '轮胎',
    cost: 255,
    minStock: 4,
    fits: ['hongguang-19', 'hongguang-16'],
  },
  {
    ean12: '692345400225',
    name: '韩泰 轮胎 225/55R18',
    model: 'Kinergy EX 98H',
    spec: '225/55R18',
    unit: '条',
    category: '轮胎',
    cost: 545,
    minStock: 4,
    fits: ['boyue-21', 'song-20'],
  },
  {
    ean12: '692345500235',
    name: '玲珑 轮胎 235/75R15 LT',
    model: 'CrossWind A/T',
    spec: '235/75R15',
    unit: '条',
    category: '轮胎',
    cost: 430,
    minStock: 2,
    fits: ['wingle-19'],
  },
  {
    ean12: '692345600225',
    name: '马牌 轮胎 225/45R18',
    model: 'UC6 95W 防爆',
    spec: '225/45R18',
    unit: '条',
    category: '轮胎',
    cost: 980,
    minStock: 2,
    fits: ['cclass-20', '3series-20', 'a4l-20'],
  },
  {
    ean12: '690150400530',
    name: '壳牌 喜力 HX7 机油 5W-30 4L',
    model: 'HX7 SP',
    spec: '5W-30 4L',
    unit: '桶',
    category: '油液',
    cost: 138,
    minStock: 12,
  },
  {
    ean12: '690150400020',
    name: '壳牌 超凡喜力 机油 0W-20 4L',
    model: 'Ultra SP',
    spec: '0W-20 4L',
    unit: '桶',
    category: '油液',
    cost: 265,
    minStock: 8,
  },
  {
    ean12: '690160500530',
    name: '美孚 1号 机油 5W-30 4L',
    model: 'Mobil 1 SP',
    spec: '5W-30 4L',
    unit: '桶',
    category: '油液',
    cost: 298,
    minStock: 8,
  },
  {
    ean12: '690160500531',
    name: '美孚 速霸 2000 机油 5W-30 4L',
    model: 'Super 2000 SP',
    spec: '5W-30 4L',
    unit: '桶',
    category: '油液',
    cost: 152,
    minStock: 12,
  },
  {
    ean12: '690170600540',
    name: '嘉实多 极护 机油 5W-40 4L',
    model: 'EDGE SN',
    spec: '5W-40 4L',
    unit: '桶',
    category: '油液',
    cost: 255,
    minStock: 6,
  },
  {
    ean12: '690180700530',
    name: '长城 金吉星 J600 机油 5W-30 4L',
    model: 'J600 SN',
    spec: '5W-30 4L',
    unit: '桶',
    category: '油液',
    cost: 118,
    minStock: 10,
  },
  {
    ean12: '690150401540',
    name: '壳牌 劲霸 柴油机油 15W-40 4L',
    model: 'Rimula R4',
    spec: '15W-40 4L',
    unit: '桶',
    category: '油液',
    cost: 126,
    minStock: 4,
  },
  {
    ean12: '690150402035',
    name: '壳牌 长效防冻液 -35℃ 4kg',
    model: 'OAT',
    spec: '-35℃ 4kg',
    unit: '桶',
    category: '油液',
    cost: 62,
    minStock: 6,
  },
  {
    ean12: '690190800045',
    name: '蓝星 防冻液 -45℃ 2kg',
    model: '长效型',
    spec: '-45℃ 2kg',
    unit: '桶',
    category: '油液',
    cost: 38,
    minStock: 6,
  },
  {
    ean12: '692110900041',
    name: '博世 刹车油 DOT4 1L',
    model: 'ENV6',
    spec: 'DOT4 1L',
    unit: '瓶',
    category: '油液',
    cost: 48,
    minStock: 6,
  },
  {
    ean12: '690150403004',
    name: '壳牌 刹车油 DOT4 500ml',
    model: 'DOT4',
    spec: 'DOT4 500ml',
    unit: '瓶',
    category: '油液',
    cost: 28,
    minStock: 6,
  },
  {
    ean12: '690160501320',
    name: '美孚 变速箱油 ATF 320 1L',
    model: 'ATF 320',
    spec: '1L',
    unit: '瓶',
    category: '油液',
    cost: 52,
    minStock: 8,
  },
  {
    ean12: '690170601001',
    name: '嘉实多 CVT 变速箱油 1L',
    model: 'CVT Multi',
    spec: '1L',
    unit: '瓶',
    category: '油液',
    cost: 68,
    minStock: 8,
    fits: ['sylphy-20', 'corolla-21', 'civic-20'],
  },
  {
    ean12: '692111000024',
    name: '博世 风翼 无骨雨刮片 24/17寸',
    model: 'AEROTWIN',
    spec: '24寸+17寸',
    unit: '套',
    category: '雨刮',
    cost: 72,
    minStock: 4,
    fits: ['lavida-21', 'sagitar-20', 'passat-19'],
  },
  {
    ean12: '692111000026',
    name: '博世 风翼 无骨雨刮片 26/16寸',
    model: 'AEROTWIN',
    spec: '26寸+16寸',
    unit: '套',
    category: '雨刮',
    cost: 76,
    minStock: 4,
    fits: ['corolla-21', 'camry-19', 'accord-19', 'crv-19'],
  },
  {
    ean12: '695010086024',
    name: '米其林 视界 无骨雨刮片 24/18寸',
    model: 'Stealth',
    spec: '24寸+18寸',
    unit: '套',
    category: '雨刮',
    cost: 58,
    minStock: 4,
  },
  {
    ean12: '692112000022',
    name: '3M 雨刮片 22/18寸',
    model: '有骨通用',
    spec: '22寸+18寸',
    unit: '套',
    category: '雨刮',
    cost: 35,
    minStock: 6,
  },
  {
    ean12: '692113000007',
    name: '飞利浦 大灯灯泡 H7 12V 55W',
    model: '12972PRC1',
    spec: 'H7 12V 55W',
    unit: '只',
    category: '灯具',
    cost: 22,
    minStock: 10,
  },
  {
    ean12: '692113000004',
    name: '飞利浦 大灯灯泡 H4 12V 60/55W',
    model: '12342PRC1',
    spec: 'H4 12V 60/55W',
    unit: '只',
    category: '灯具',
    cost: 24,
    minStock: 10,
  },
  {
    ean12: '692114000011',
    name: '欧司朗 大灯灯泡 H11 12V 55W',
    model: '64211',
    spec: 'H11 12V 55W',
    unit: '只',
    category: '灯具',
    cost: 30,
    minStock: 6,
  },
  {
    ean12: '692114000107',
    name: '欧司朗 夜行者 大灯灯泡 H7',
    model: '64210NL',
    spec: 'H7 12V 55W 增亮',
    unit: '只',
    category: '灯具',
    cost: 65,
    minStock: 4,
  },
  {
    ean12: '692115001153',
    name: '盖茨 发动机皮带 6PK1153',
    model: '6PK1153',
    spec: '6肋 1153mm',
    unit: '条',
    category: '皮带',
    cost: 58,
    minStock: 3,
    fits: ['lavida-21', 'lavida-18', 'sagitar-20'],
  },
  {
    ean12: '692115001070',
    name: '盖茨 发动机皮带 6PK1070',
    model: '6PK1070',
    spec: '6肋 1070mm',
    unit: '条',
    category: '皮带',
    cost: 52,
    minStock: 3,
    fits: ['corolla-21', 'corolla-17'],
  },
  {
    ean12: '692116001220',
    name: '马牌 发动机皮带 6PK1220',
    model: '6PK1220',
    spec: '6肋 1220mm',
    unit: '条',
    category: '皮带',
    cost: 66,
    minStock: 3,
    fits: ['accord-19', 'crv-19'],
  },
  {
    ean12: '692115002001',
    name: '盖茨 正时皮带套装',
    model: 'K015603XS',
    spec: '含张紧轮',
    unit: '套',
    category: '皮带',
    cost: 420,
    minStock: 1,
    fits: ['lavida-21', 'sagitar-20'],
  },
  {
    ean12: '693117000134',
    name: '巨化 空调冷媒 R134a 500g',
    model: 'R134a',
    spec: '500g',
    unit: '瓶',
    category: '空调',
    cost: 32,
    minStock: 10,
  },
  {
    ean12: '693117000046',
    name: '空调压缩机油 PAG46 250ml',
    model: 'PAG46',
    spec: '250ml',
    unit: '瓶',
    category: '空调',
    cost: 26,
    minStock: 4,
  },
  {
    ean12: '692118000100',
    name: '巴斯夫 燃油宝 FP-100',
    model: 'Keropur',
    spec: '60ml',
    unit: '瓶',
    category: '其他',
    cost: 18,
    minStock: 20,
  },
  {
    ean12: '692112000215',
    name: '3M 玻璃水 -15℃ 2L',
    model: 'PN7018',
    spec: '-15℃ 2L',
    unit: '瓶',
    category: '其他',
    cost: 9,
    minStock: 30,
  },
  { ean12: '692345700414', name: '轮胎气门嘴 TR414', model: 'TR414', spec: '橡胶', unit: '个', category: '其他', cost: 1, minStock: 50 },
];

/** Repair parts by OE number. */
const REPAIR_PARTS: {
  code: string;
  name: string;
  model: string;
  spec: string;
  unit: string;
  category: Category;
  cost: number;
  minStock: number;
  fits: string[];
}[] = [
  {
    code: '5Q0413031GL',
    name: 'KYB 前减震器（大众朗逸/速腾）',
    model: '339381',
    spec: '左右通用',
    unit: '只',
    category: '悬挂',
    cost: 285,
    minStock: 2,
    fits: ['lavida-21', 'sagitar-20'],
  },
  {
    code: '48510-02N50',
    name: '萨克斯 前减震器（丰田卡罗拉）',
    model: '315 950',
    spec: '左前',
    unit: '只',
    category: '悬挂',
    cost: 310,
    minStock: 2,
    fits: ['corolla-21', 'corolla-17'],
  },
  {
    code: '04E121600AL',
    name: '马勒 水泵（大众EA211）',
    model: 'CP 575',
    spec: '含节温器壳',
    unit: '个',
    category: '发动机',
    cost: 460,
    minStock: 1,
    fits: ['lavida-21', 'lavida-18', 'sagitar-20'],
  },
  {
    code: '90916-03129',
    name: '节温器（丰田）',
    model: '原厂',
    spec: '82℃',
    unit: '个',
    category: '发动机',
    cost: 145,
    minStock: 1,
    fits: ['corolla-17', 'corolla-21', 'camry-19'],
  },
  {
    code: '12341-RNA-A01',
    name: '气门室盖垫（本田）',
    model: '原厂',
    spec: '橡胶',
    unit: '个',
    category: '发动机',
    cost: 68,
    minStock: 2,
    fits: ['civic-20', 'accord-19', 'crv-19'],
  },
  {
    code: '18D857521',
    name: '左后视镜片（大众朗逸）',
    model: '原厂',
    spec: '带加热',
    unit: '个',
    category: '车身',
    cost: 85,
    minStock: 1,
    fits: ['lavida-21', 'lavida-18'],
  },
  {
    code: '81210-02170',
    name: '前雾灯（丰田卡罗拉）',
    model: '原厂',
    spec: '左',
    unit: '个',
    category: '灯具',
    cost: 160,
    minStock: 1,
    fits: ['corolla-17'],
  },
  {
    code: '5Q0615301H',
    name: '博世 前刹车盘（大众EA211）',
    model: '0986479C83',
    spec: '288mm 通风盘',
    unit: '只',
    category: '制动系统',
    cost: 185,
    minStock: 2,
    fits: ['lavida-21', 'sagitar-20'],
  },
  {
    code: 'G052182A2',
    name: '大众 DSG 变速箱油 1L',
    model: 'G052182A2',
    spec: '1L',
    unit: '瓶',
    category: '油液',
    cost: 95,
    minStock: 6,
    fits: ['sagitar-20', 'passat-19', 'a4l-20'],
  },
];

/** The check digit of an EAN-13: weights 1 and 3 alternating over the first 12 digits. */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${first12}${(10 - (sum % 10)) % 10}`;
}

/** Sale price about 40–70 % over cost, to the yuan (what a counter quotes). */
function salePrice(rand: () => number, costFen: number): number {
  return Math.round((costFen * (1.4 + rand() * 0.3)) / 100) * 100;
}

function build(): DemoPart[] {
  const rand = seededRandom(20241128);
  const parts: DemoPart[] = [];
  FAMILIES.forEach((family, f) => {
    WEAR_PARTS.forEach((w, k) => {
      const [brand, prefix] = w.brands[(f + k) % w.brands.length];
      const cost = Math.round(between(rand, w.cost[0], w.cost[1]) * family.tier * 100);
      parts.push({
        code: family.oe[k],
        name: `${brand} ${w.name}（${family.label}）`,
        model: `${prefix}${between(rand, 100, 999)}`,
        spec: w.spec,
        unit: w.unit,
        category: w.category,
        costPrice: cost,
        salePrice: salePrice(rand, cost),
        minStock: w.minStock,
        fits: family.fits,
      });
    });
  });
  for (const c of CONSUMABLES) {
    const cost = c.cost * 100;
    parts.push({
      code: ean13(c.ean12),
      name: c.name,
      model: c.model,
      spec: c.spec,
      unit: c.unit,
      category: c.category,
      costPrice: cost,
      salePrice: salePrice(rand, cost),
      minStock: c.minStock,
      fits: c.fits ?? [],
    });
  }
  for (const r of REPAIR_PARTS) {
    const cost = r.cost * 100;
    parts.push({ ...r, costPrice: cost, salePrice: salePrice(rand, cost) });
  }
  return parts;
}

export const DEMO_PARTS: DemoPart[] = build();

/** 零售 is the list price; members and fleets get a discount, never below cost. */
export const DEMO_PRICE_LEVELS: { name: string; sort: number; rate: number }[] = [
  { name: '零售', sort: 1, rate: 1 },
  { name: '会员', sort: 2, rate: 0.95 },
  { name: '车队', sort: 3, rate: 0.9 },
];

export function levelPrice(part: DemoPart, rate: number): number {
  return Math.max(part.costPrice, Math.round((part.salePrice * rate) / 100) * 100);
}
