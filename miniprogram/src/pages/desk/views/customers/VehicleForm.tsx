import { useEffect, useRef } from 'react';
import { App, Form, Input, Switch, type FormInstance } from 'antd';
import { vehicleInput, type VehicleInput, type VehicleModelView, type VehicleView } from '@hongyuan/shared';
import { api } from '../../../../api/request';
import { parseForm, reportSaveError, zodRule } from '../../lib/form';
import { idempotent, newIdempotencyKey } from '../../lib/stock';
import { FormModal } from '../../components/FormModal';
import { VehicleFields } from './VehicleFields';
import { vehicleToInput } from './customerInput';

interface Props {
  customerId: number;
  /** null: closed */
  vehicle: VehicleView | 'new' | null;
  vehicleModels: VehicleModelView[];
  onClose: () => void;
  onSaved: () => void;
}

/** 添加车辆 / 编辑车辆 of one customer. */
export function VehicleForm({ customerId, vehicle, vehicleModels, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  // One key per opened 添加车辆: a retried 保存 adds the vehicle once.
  const createKey = useRef(newIdempotencyKey());
  useEffect(() => {
    if (vehicle === 'new') createKey.current = newIdempotencyKey();
  }, [vehicle]);

  const save = async (values: VehicleInput, form: FormInstance<VehicleInput>) => {
    const payload = {
      plate: values.plate ?? '',
      vin: values.vin ?? '',
      brand: values.brand ?? '',
      vehicleModelId: values.vehicleModelId ?? null,
      year: values.year ?? null,
      mileage: values.mileage ?? null,
      remark: values.remark ?? '',
      enabled: values.enabled ?? true,
    };
    const data = parseForm(vehicleInput, payload, form, message, { labels: { plate: '车牌号', vin: '车架号' } });
    if (!data) return false;
    try {
      if (vehicle === 'new') await api.post(`/api/customers/${customerId}/vehicles`, data, idempotent(createKey.current));
      else if (vehicle) await api.put(`/api/vehicles/${vehicle.id}`, data);
      message.success('车辆已保存');
      onSaved();
      return true;
    } catch (e) {
      reportSaveError(e, form, message);
      return false;
    }
  };

  return (
    <FormModal<VehicleInput>
      open={vehicle !== null}
      title={vehicle === 'new' ? '添加车辆' : `编辑车辆 ${vehicle?.plate ?? ''}`}
      onSave={save}
      onClose={onClose}
      width={940}
      testId="vehicle-form"
      initialValues={vehicle && vehicle !== 'new' ? vehicleToInput(vehicle) : { enabled: true, vin: '' }}
    >
      <VehicleFields vehicleModels={vehicleModels} testId="vehicle-form" />
      <Form.Item name="remark" label="备注" rules={[zodRule(vehicleInput.shape.remark)]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="enabled" label="启用" valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}
