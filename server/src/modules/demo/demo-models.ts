/**
 * Vehicle models common on the roads of 庆元: the popular joint-venture sedans and SUVs, the
 * domestic brands, a few premium cars, and the vans and pick-ups of small businesses.
 * `key` ties parts and customers' vehicles to a model; `wmi` starts the demo VINs.
 */
export interface DemoModel {
  key: string;
  brand: string;
  series: string;
  modelYear: number;
  engine: string;
  wmi: string;
}

export const DEMO_MODELS: DemoModel[] = [
  { key: 'lavida-21', brand: '大众', series: '朗逸', modelYear: 2021, engine: '1.5L', wmi: 'LSV' },
  { key: 'lavida-18', brand: '大众', series: '朗逸', modelYear: 2018, engine: '1.6L', wmi: 'LSV' },
  { key: 'sagitar-20', brand: '大众', series: '速腾', modelYear: 2020, engine: '1.4T', wmi: 'LFV' },
  { key: 'passat-19', brand: '大众', series: '帕萨特', modelYear: 2019, engine: '2.0T', wmi: 'LSV' },
  { key: 'corolla-21', brand: '丰田', series: '卡罗拉', modelYear: 2021, engine: '1.2T', wmi: 'LFM' },
  { key: 'corolla-17', brand: '丰田', series: '卡罗拉', modelYear: 2017, engine: '1.6L', wmi: 'LFM' },
  { key: 'camry-19', brand: '丰田', series: '凯美瑞', modelYear: 2019, engine: '2.5L', wmi: 'LVG' },
  { key: 'rav4-20', brand: '丰田', series: 'RAV4', modelYear: 2020, engine: '2.0L', wmi: 'LFM' },
  { key: 'accord-19', brand: '本田', series: '雅阁', modelYear: 2019, engine: '1.5T', wmi: 'LHG' },
  { key: 'civic-20', brand: '本田', series: '思域', modelYear: 2020, engine: '1.5T', wmi: 'LVH' },
  { key: 'crv-19', brand: '本田', series: 'CR-V', modelYear: 2019, engine: '1.5T', wmi: 'LVH' },
  { key: 'sylphy-20', brand: '日产', series: '轩逸', modelYear: 2020, engine: '1.6L', wmi: 'LGB' },
  { key: 'excelle-19', brand: '别克', series: '英朗', modelYear: 2019, engine: '1.3T', wmi: 'LSG' },
  { key: 'gl8-20', brand: '别克', series: 'GL8', modelYear: 2020, engine: '2.0T', wmi: 'LSG' },
  { key: 'hongguang-19', brand: '五菱', series: '宏光', modelYear: 2019, engine: '1.5L', wmi: 'LZW' },
  { key: 'hongguang-16', brand: '五菱', series: '宏光', modelYear: 2016, engine: '1.5L', wmi: 'LZW' },
  { key: 'cs75-20', brand: '长安', series: 'CS75', modelYear: 2020, engine: '1.5T', wmi: 'LS5' },
  { key: 'emgrand-20', brand: '吉利', series: '帝豪', modelYear: 2020, engine: '1.5L', wmi: 'L6T' },
  { key: 'boyue-21', brand: '吉利', series: '博越', modelYear: 2021, engine: '1.8T', wmi: 'L6T' },
  { key: 'h6-21', brand: '哈弗', series: 'H6', modelYear: 2021, engine: '1.5T', wmi: 'LGW' },
  { key: 'wingle-19', brand: '长城', series: '风骏5', modelYear: 2019, engine: '2.0T 柴油', wmi: 'LGW' },
  { key: 'qin-21', brand: '比亚迪', series: '秦PLUS', modelYear: 2021, engine: '1.5L DM-i', wmi: 'LGX' },
  { key: 'song-20', brand: '比亚迪', series: '宋', modelYear: 2020, engine: '1.5T', wmi: 'LGX' },
  { key: 'cclass-20', brand: '奔驰', series: 'C级', modelYear: 2020, engine: '1.5T', wmi: 'LE4' },
  { key: '3series-20', brand: '宝马', series: '3系', modelYear: 2020, engine: '2.0T', wmi: 'LBV' },
  { key: 'a4l-20', brand: '奥迪', series: 'A4L', modelYear: 2020, engine: '2.0T', wmi: 'LFV' },
  { key: 'elantra-19', brand: '现代', series: '领动', modelYear: 2019, engine: '1.5L', wmi: 'LBE' },
  { key: 'focus-19', brand: '福特', series: '福克斯', modelYear: 2019, engine: '1.5L', wmi: 'LVS' },
];
