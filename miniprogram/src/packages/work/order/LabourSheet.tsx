import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Input, Switch } from '@nutui/nutui-react-taro';
import { formatYuan, lineAmounts, parseYuan, TAX_RATES } from '@hongyuan/shared';
import { errorMessage, fieldErrors } from '../../../api/request';
import { workApi } from '../../../api/work';
import type { WorkOrderDetail } from '@hongyuan/shared';
import QtyStepper from '../../../components/QtyStepper';
import Sheet from '../../../components/Sheet';

const QUICK_NAMES = ['上门服务工时', '更换配件工时', '检测诊断', '清洗保养'];
/** Services are usually invoiced at 6% VAT. */
const DEFAULT_RATE = 6;

export interface LabourSheetProps {
  visible: boolean;
  orderId: number;
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
}

/** 添加工时: what was done, how many, the unit price in yuan, the VAT rate and whether it includes tax. */
export default function LabourSheet({ visible, orderId, onClose, onDone }: LabourSheetProps) {
  const [name, setName] = useState('');
  const [qty, setQty] = useState(1);
  const [price, setPrice] = useState('');
  const [taxRate, setTaxRate] = useState(DEFAULT_RATE);
  const [taxIncluded, setTaxIncluded] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!visible) return;
    setName('');
    setQty(1);
    setPrice('');
    setTaxRate(DEFAULT_RATE);
    setTaxIncluded(true);
    setErrors({});
  }, [visible]);

  const fen = price.trim() ? parseYuan(price) : null;
  const amounts = fen !== null && fen >= 0 ? lineAmounts({ unitPrice: fen, qty, taxRate, taxIncluded }) : null;

  const confirm = async () => {
    if (busy) return;
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = '请填写工时项目';
    if (!price.trim()) found.unitPrice = '请填写单价';
    else if (fen === null || fen < 0) found.unitPrice = '单价应为金额，最多两位小数';
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const detail = await workApi.addLabour(orderId, { name: name.trim(), qty, unitPrice: fen!, taxRate, taxIncluded });
      void Taro.showToast({ title: `已添加工时：${name.trim()}`, icon: 'none' });
      onDone(detail);
    } catch (e) {
      const byField = fieldErrors(e);
      setErrors({ ...byField, form: Object.keys(byField).length ? '' : errorMessage(e, '添加失败，请稍后重试') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Sheet
      visible={visible}
      title="添加工时"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>取消</Button>
          <Button className="hy-labour__confirm" type="primary" loading={busy} disabled={busy} onClick={confirm}>
            {amounts ? `添加 ${formatYuan(amounts.gross)}` : '添加'}
          </Button>
        </>
      }
    >
      <Text className="hy-form__label">工时项目</Text>
      <View className="hy-chips hy-labour__quick">
        {QUICK_NAMES.map((n) => (
          <Text
            key={n}
            className={`hy-chip hy-labour__name-chip${name === n ? ' hy-chip--on' : ''}`}
            onClick={() => {
              setName(n);
              setErrors((e) => ({ ...e, name: '' }));
            }}
          >
            {n}
          </Text>
        ))}
      </View>
      <View className="hy-labour__field">
        <Input name="labourName" placeholder="或输入项目名称" maxLength={50} value={name} onChange={(v) => setName(v)} />
      </View>
      {errors.name ? <Text className="hy-error">{errors.name}</Text> : null}

      <View className="hy-line__edit">
        <Text>数量</Text>
        <QtyStepper name="labourQty" value={qty} min={1} max={99} onChange={setQty} />
      </View>

      <Text className="hy-form__label">单价（元）</Text>
      <View className="hy-labour__field">
        <Input name="labourPrice" type="digit" placeholder="例如 80 或 80.50" value={price} onChange={(v) => setPrice(v)} />
      </View>
      {errors.unitPrice ? <Text className="hy-error">{errors.unitPrice}</Text> : null}

      <Text className="hy-form__label">税率</Text>
      <View className="hy-chips">
        {TAX_RATES.map((r) => (
          <Text
            key={r}
            className={`hy-chip hy-labour__rate hy-labour__rate--${r}${taxRate === r ? ' hy-chip--on' : ''}`}
            onClick={() => setTaxRate(r)}
          >
            {r}%
          </Text>
        ))}
      </View>
      <View className="hy-line__edit">
        <Text>价格含税</Text>
        <Switch className="hy-labour__tax" checked={taxIncluded} loadingIcon={null} onChange={(v) => setTaxIncluded(v)} />
      </View>
      {amounts ? (
        <View className="hy-use__amount" data-testid="labour-amount">
          <Text>
            不含税 {formatYuan(amounts.net)} + 税额 {formatYuan(amounts.tax)} ={' '}
            <Text className="hy-use__gross">{formatYuan(amounts.gross)}</Text>
          </Text>
        </View>
      ) : null}
      {errors.form ? <Text className="hy-error">{errors.form}</Text> : null}
    </Sheet>
  );
}
