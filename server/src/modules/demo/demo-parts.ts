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
 * aftermarket brand and its own number go into the name and model. A row: the family, its
 * price tier, the models it fits and the OE numbers of the seven WEAR_PARTS, in their order.
 */
const FAMILIES: [label: string, tier: number, fits: string, oe: string][] = [
  ['大众EA211', 1.3, 'lavida-21 lavida-18 sagitar-20', '04E115561H 5Q0129620D 5Q0819653 5Q0201051J 5Q0698151D 5Q0698451M 04E905601B'],
  ['大众/奥迪EA888', 1.8, 'passat-19 a4l-20', '06L115562B 3Q0129620A 3Q0819653A 5Q0201051P 3Q0698151A 5Q0698451P 06K905601M'],
  ['丰田卡罗拉', 1.3, 'corolla-21 corolla-17', '90915-YZZE1 17801-0T030 87139-0D010 23300-0T020 04465-02220 04466-02200 90919-01253'],
  ['丰田凯美瑞/RAV4', 1.4, 'camry-19 rav4-20', '04152-YZZA6 17801-F0050 87139-F4010 77024-06200 04465-33450 04466-33160 90919-01275'],
  [
    '本田',
    1.3,
    'accord-19 civic-20 crv-19',
    '15400-RTA-003 17220-5PA-A00 80292-TBA-A11 17048-TBA-A00 45022-TBA-A01 43022-TBA-A00 12290-59B-003',
  ],
  ['日产轩逸', 1.1, 'sylphy-20', '15208-65F0E 16546-3RC0A 27277-4JA0A 16400-3AX0A D1060-3RB0A D4060-3RB0A 22401-ED71B'],
  ['别克', 1.3, 'excelle-19 gl8-20', '55594651 13367308 13271191 13519238 13301234 13301256 55591829'],
  ['五菱宏光', 0.8, 'hongguang-19 hongguang-16', '24100033 24540178 23934412 24524590 24537713 24513522 24573180'],
  ['长安CS75', 1, 'cs75-20', 'F01A4111 S201058-0100 S101076-0800 S201018-0300 S301035-0300 S301036-0300 H15T-3707100'],
  ['吉利', 1, 'emgrand-20 boyue-21', '1016051367 1016051390 8022043200 1016051412 4050011000 4050015600 1016051419'],
  ['长城/哈弗', 1, 'h6-21 wingle-19', '1012100XEG01 1109101XKZ16A 8104400XKZ16A 1105100XEG01 3501175XKZ16A 3502340XKZ16A 3707100XEG01'],
  ['比亚迪', 1, 'qin-21 song-20', 'BYD476ZQA-1012010 10136327-00 10122566-00 10095722-00 10184591-00 10184592-00 BYD476ZQA-3707010'],
  ['奔驰C级', 2.4, 'cclass-20', 'A2701800109 A2740940004 A2058350147 A2054700700 A0004209900 A0004209800 A0041591703'],
  ['宝马3系', 2.3, '3series-20', '11428575211 13718577170 64119321875 13328584875 34106888459 34216888457 12120037244'],
  ['现代领动', 1, 'elantra-19', '26300-35505 28113-F2000 97133-F2000 31112-F2000 58101-F2A00 58302-F2A10 18846-11070'],
  ['福特福克斯', 1, 'focus-19', '1883037 2011848 1776995 2013291 2088627 2088631 CYFS-12-Y'],
];

/** The seven wear parts of every family: brands as 'brand:model prefix', cost range in yuan. */
const WEAR_PARTS: [
  name: string,
  brands: string,
  spec: string,
  unit: string,
  category: Category,
  cost: [number, number],
  minStock: number,
][] = [
  ['机油滤清器', '曼牌:W 马勒:OC 博世:0986AF', '旋装式', '个', '滤清器', [16, 32], 10],
  ['空气滤清器', '曼牌:C 马勒:LX', '纸质滤芯', '个', '滤清器', [22, 42], 8],
  ['空调滤清器', '曼牌:CUK 博世:0986AF5', '活性炭', '个', '空调', [28, 55], 8],
  ['汽油滤清器', '博世:F026 马勒:KL', '燃油滤芯', '个', '滤清器', [35, 70], 4],
  ['前刹车片', '博世:0986T 菲罗多:FDB 布雷博:P', '陶瓷配方 一套4片', '套', '制动系统', [110, 200], 4],
  ['后刹车片', '博世:0986T 菲罗多:FDB', '陶瓷配方 一套4片', '套', '制动系统', [90, 160], 4],
  ['火花塞', 'NGK:ILKAR7 博世:FR7 电装:IK20', '铱金 间隙1.0mm', '只', '点火系统', [22, 42], 12],
];

/**
 * A part of fixed identity: code, name, model, spec, unit, category, cost in yuan, minimum
 * stock and the models it fits (space-separated, '' for a universal part).
 */
type FixedPart = [
  code: string,
  name: string,
  model: string,
  spec: string,
  unit: string,
  category: Category,
  cost: number,
  minStock: number,
  fits: string,
];

/** Universal consumables, sold by barcode (the code here is the first 12 digits of the EAN-13). */
const CONSUMABLES: FixedPart[] = [
  ['692018600451', '瓦尔塔 蓄电池 6-QW-60', 'L2-400', '12V 60Ah', '只', '电气', 360, 3, ''],
  ['692018600452', '瓦尔塔 蓄电池 6-QW-45', 'L1-400', '12V 45Ah', '只', '电气', 285, 2, ''],
  ['692018600453', '瓦尔塔 蓄电池 6-QW-70', 'L3-400', '12V 70Ah', '只', '电气', 455, 2, ''],
  ['690123450154', '风帆 蓄电池 6-QW-54', '54459', '12V 54Ah', '只', '电气', 268, 2, ''],
  ['690123460080', '骆驼 蓄电池 6-QW-80', 'L4-800', '12V 80Ah', '只', '电气', 520, 1, ''],
  [
    '695010085257',
    '米其林 轮胎 205/55R16',
    '浩悦4 91V',
    '205/55R16',
    '条',
    '轮胎',
    455,
    4,
    'lavida-21 lavida-18 sagitar-20 corolla-17 sylphy-20 civic-20 excelle-19 emgrand-20 elantra-19 focus-19',
  ],
  ['695010085258', '米其林 轮胎 215/55R17', '浩悦4 94V', '215/55R17', '条', '轮胎', 620, 4, 'passat-19 camry-19 accord-19'],
  ['692345100195', '普利司通 轮胎 195/65R15', 'EP150 91H', '195/65R15', '条', '轮胎', 365, 4, 'corolla-21 sylphy-20 emgrand-20'],
  ['692345200225', '固特异 轮胎 225/65R17', 'EfficientGrip SUV 102H', '225/65R17', '条', '轮胎', 640, 4, 'crv-19 rav4-20 cs75-20 h6-21'],
  ['692345300185', '佳通 轮胎 185/70R14', 'Comfort 228 88H', '185/70R14', '条', '轮胎', 255, 4, 'hongguang-19 hongguang-16'],
  ['692345400225', '韩泰 轮胎 225/55R18', 'Kinergy EX 98H', '225/55R18', '条', '轮胎', 545, 4, 'boyue-21 song-20'],
  ['692345500235', '玲珑 轮胎 235/75R15 LT', 'CrossWind A/T', '235/75R15', '条', '轮胎', 430, 2, 'wingle-19'],
  ['692345600225', '马牌 轮胎 225/45R18', 'UC6 95W 防爆', '225/45R18', '条', '轮胎', 980, 2, 'cclass-20 3series-20 a4l-20'],
  ['690150400530', '壳牌 喜力 HX7 机油 5W-30 4L', 'HX7 SP', '5W-30 4L', '桶', '油液', 138, 12, ''],
  ['690150400020', '壳牌 超凡喜力 机油 0W-20 4L', 'Ultra SP', '0W-20 4L', '桶', '油液', 265, 8, ''],
  ['690160500530', '美孚 1号 机油 5W-30 4L', 'Mobil 1 SP', '5W-30 4L', '桶', '油液', 298, 8, ''],
  ['690160500531', '美孚 速霸 2000 机油 5W-30 4L', 'Super 2000 SP', '5W-30 4L', '桶', '油液', 152, 12, ''],
  ['690170600540', '嘉实多 极护 机油 5W-40 4L', 'EDGE SN', '5W-40 4L', '桶', '油液', 255, 6, ''],
  ['690180700530', '长城 金吉星 J600 机油 5W-30 4L', 'J600 SN', '5W-30 4L', '桶', '油液', 118, 10, ''],
  ['690150401540', '壳牌 劲霸 柴油机油 15W-40 4L', 'Rimula R4', '15W-40 4L', '桶', '油液', 126, 4, ''],
  ['690150402035', '壳牌 长效防冻液 -35℃ 4kg', 'OAT', '-35℃ 4kg', '桶', '油液', 62, 6, ''],
  ['690190800045', '蓝星 防冻液 -45℃ 2kg', '长效型', '-45℃ 2kg', '桶', '油液', 38, 6, ''],
  ['692110900041', '博世 刹车油 DOT4 1L', 'ENV6', 'DOT4 1L', '瓶', '油液', 48, 6, ''],
  ['690150403004', '壳牌 刹车油 DOT4 500ml', 'DOT4', 'DOT4 500ml', '瓶', '油液', 28, 6, ''],
  ['690160501320', '美孚 变速箱油 ATF 320 1L', 'ATF 320', '1L', '瓶', '油液', 52, 8, ''],
  ['690170601001', '嘉实多 CVT 变速箱油 1L', 'CVT Multi', '1L', '瓶', '油液', 68, 8, 'sylphy-20 corolla-21 civic-20'],
  ['692111000024', '博世 风翼 无骨雨刮片 24/17寸', 'AEROTWIN', '24寸+17寸', '套', '雨刮', 72, 4, 'lavida-21 sagitar-20 passat-19'],
  ['692111000026', '博世 风翼 无骨雨刮片 26/16寸', 'AEROTWIN', '26寸+16寸', '套', '雨刮', 76, 4, 'corolla-21 camry-19 accord-19 crv-19'],
  ['695010086024', '米其林 视界 无骨雨刮片 24/18寸', 'Stealth', '24寸+18寸', '套', '雨刮', 58, 4, ''],
  ['692112000022', '3M 雨刮片 22/18寸', '有骨通用', '22寸+18寸', '套', '雨刮', 35, 6, ''],
  ['692113000007', '飞利浦 大灯灯泡 H7 12V 55W', '12972PRC1', 'H7 12V 55W', '只', '灯具', 22, 10, ''],
  ['692113000004', '飞利浦 大灯灯泡 H4 12V 60/55W', '12342PRC1', 'H4 12V 60/55W', '只', '灯具', 24, 10, ''],
  ['692114000011', '欧司朗 大灯灯泡 H11 12V 55W', '64211', 'H11 12V 55W', '只', '灯具', 30, 6, ''],
  ['692114000107', '欧司朗 夜行者 大灯灯泡 H7', '64210NL', 'H7 12V 55W 增亮', '只', '灯具', 65, 4, ''],
  ['692115001153', '盖茨 发动机皮带 6PK1153', '6PK1153', '6肋 1153mm', '条', '皮带', 58, 3, 'lavida-21 lavida-18 sagitar-20'],
  ['692115001070', '盖茨 发动机皮带 6PK1070', '6PK1070', '6肋 1070mm', '条', '皮带', 52, 3, 'corolla-21 corolla-17'],
  ['692116001220', '马牌 发动机皮带 6PK1220', '6PK1220', '6肋 1220mm', '条', '皮带', 66, 3, 'accord-19 crv-19'],
  ['692115002001', '盖茨 正时皮带套装', 'K015603XS', '含张紧轮', '套', '皮带', 420, 1, 'lavida-21 sagitar-20'],
  ['693117000134', '巨化 空调冷媒 R134a 500g', 'R134a', '500g', '瓶', '空调', 32, 10, ''],
  ['693117000046', '空调压缩机油 PAG46 250ml', 'PAG46', '250ml', '瓶', '空调', 26, 4, ''],
  ['692118000100', '巴斯夫 燃油宝 FP-100', 'Keropur', '60ml', '瓶', '其他', 18, 20, ''],
  ['692112000215', '3M 玻璃水 -15℃ 2L', 'PN7018', '-15℃ 2L', '瓶', '其他', 9, 30, ''],
  ['692345700414', '轮胎气门嘴 TR414', 'TR414', '橡胶', '个', '其他', 1, 50, ''],
];

/** Repair parts by OE number. */
const REPAIR_PARTS: FixedPart[] = [
  ['5Q0413031GL', 'KYB 前减震器（大众朗逸/速腾）', '339381', '左右通用', '只', '悬挂', 285, 2, 'lavida-21 sagitar-20'],
  ['48510-02N50', '萨克斯 前减震器（丰田卡罗拉）', '315 950', '左前', '只', '悬挂', 310, 2, 'corolla-21 corolla-17'],
  ['04E121600AL', '马勒 水泵（大众EA211）', 'CP 575', '含节温器壳', '个', '发动机', 460, 1, 'lavida-21 lavida-18 sagitar-20'],
  ['90916-03129', '节温器（丰田）', '原厂', '82℃', '个', '发动机', 145, 1, 'corolla-17 corolla-21 camry-19'],
  ['12341-RNA-A01', '气门室盖垫（本田）', '原厂', '橡胶', '个', '发动机', 68, 2, 'civic-20 accord-19 crv-19'],
  ['18D857521', '左后视镜片（大众朗逸）', '原厂', '带加热', '个', '车身', 85, 1, 'lavida-21 lavida-18'],
  ['81210-02170', '前雾灯（丰田卡罗拉）', '原厂', '左', '个', '灯具', 160, 1, 'corolla-17'],
  ['5Q0615301H', '博世 前刹车盘（大众EA211）', '0986479C83', '288mm 通风盘', '只', '制动系统', 185, 2, 'lavida-21 sagitar-20'],
  ['G052182A2', '大众 DSG 变速箱油 1L', 'G052182A2', '1L', '瓶', '油液', 95, 6, 'sagitar-20 passat-19 a4l-20'],
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
  const part = (p: Omit<DemoPart, 'salePrice'>): DemoPart => ({ ...p, salePrice: salePrice(rand, p.costPrice) });
  const wear = FAMILIES.flatMap(([label, tier, fits, oe], f) =>
    WEAR_PARTS.map(([name, brands, spec, unit, category, [low, high], minStock], k) => {
      const list = brands.split(' ');
      const [brand, prefix] = list[(f + k) % list.length].split(':');
      const costPrice = Math.round(between(rand, low, high) * tier * 100);
      const model = `${prefix}${between(rand, 100, 999)}`;
      return part({
        code: oe.split(' ')[k],
        name: `${brand} ${name}（${label}）`,
        model,
        spec,
        unit,
        category,
        costPrice,
        minStock,
        fits: fits.split(' '),
      });
    }),
  );
  const barcoded = CONSUMABLES.map(([ean12, ...rest]): FixedPart => [ean13(ean12), ...rest]);
  const fixed = [...barcoded, ...REPAIR_PARTS].map(([code, name, model, spec, unit, category, cost, minStock, fits]) =>
    part({ code, name, model, spec, unit, category, costPrice: cost * 100, minStock, fits: fits ? fits.split(' ') : [] }),
  );
  return [...wear, ...fixed];
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
