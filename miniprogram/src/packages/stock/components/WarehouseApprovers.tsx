import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import type { WarehouseView } from '@hongyuan/shared';

export interface WarehouseApproversProps {
  warehouses: WarehouseView[];
  warehouseId: number | null;
  approverIds: number[];
  /** 出库仓库 / 调回仓库 */
  warehouseLabel: string;
  /** 审批人 with who decides */
  approverLabel: string;
  /** the form's messages by field (warehouseId, approverIds) */
  errors: Record<string, string>;
  onWarehouse: (w: WarehouseView) => void;
  onApprover: (id: number) => void;
  /** under the warehouse label: the list's loading or error */
  status?: ReactNode;
  /** after the approver chips: why there are none */
  approverNote?: ReactNode;
}

/** A stock form's warehouse (chips) and its keepers as approvers (chips, any one decides). */
export default function WarehouseApprovers(props: WarehouseApproversProps) {
  const { warehouses, warehouseId, approverIds, errors } = props;
  const warehouse = warehouses.find((w) => w.id === warehouseId);
  return (
    <>
      <Text className="hy-form__label">{props.warehouseLabel}</Text>
      {props.status}
      <View className="hy-chips">
        {warehouses.map((w) => (
          <Text
            key={w.id}
            className={`hy-chip hy-warehouse-chip${w.id === warehouseId ? ' hy-chip--on' : ''}`}
            onClick={() => props.onWarehouse(w)}
          >
            {w.name}
          </Text>
        ))}
      </View>
      {errors.warehouseId ? <Text className="hy-error">{errors.warehouseId}</Text> : null}

      <Text className="hy-form__label">{props.approverLabel}</Text>
      <View className="hy-chips">
        {(warehouse?.keepers ?? []).map((k) => (
          <Text
            key={k.id}
            className={`hy-chip hy-approver-chip${approverIds.includes(k.id) ? ' hy-chip--on' : ''}`}
            onClick={() => props.onApprover(k.id)}
          >
            {k.name}
          </Text>
        ))}
        {props.approverNote}
      </View>
      {errors.approverIds ? <Text className="hy-error">{errors.approverIds}</Text> : null}
    </>
  );
}
