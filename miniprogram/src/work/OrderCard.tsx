import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { PRIORITY_LABELS } from '@hongyuan/shared';
import type { WorkOrderListItem } from '@hongyuan/shared';
import { appointmentText, STATE_TAG, stateLabel } from './format';

export interface OrderCardProps {
  order: WorkOrderListItem;
  /** an unread dispatch notification points at it */
  isNew?: boolean;
  /** who it is dispatched to (the supervisor's lists) */
  showTechnician?: boolean;
  /** a line under the problem: "已等待 3 小时" ... */
  note?: ReactNode;
  /** buttons at the bottom (派工, 改派) */
  footer?: ReactNode;
  onClick?: () => void;
}

/** One work order in a list: number, state, 加急, customer, vehicle, address, appointment, problem. */
export default function OrderCard({ order: o, isNew, showTechnician, note, footer, onClick }: OrderCardProps) {
  const urgent = o.priority === 'urgent';
  return (
    <View className={`hy-card hy-order${urgent ? ' hy-order--urgent' : ''}`} data-testid="order-item" onClick={onClick}>
      <View className="hy-card__head">
        <View className="hy-doc-tags">
          <Text className="hy-card__no">{o.no}</Text>
          {isNew ? (
            <Tag className="hy-order__new" type="danger">
              新
            </Tag>
          ) : null}
        </View>
        <View className="hy-doc-tags">
          {urgent ? (
            <Tag className="hy-order__urgent" type="danger">
              {PRIORITY_LABELS.urgent}
            </Tag>
          ) : null}
          {o.reworkCount > 0 ? (
            <Tag className="hy-order__rework" type="warning">
              返工
            </Tag>
          ) : null}
          <Tag className={`hy-order__state hy-order__state--${o.state}`} type={STATE_TAG[o.state]}>
            {stateLabel(o.state)}
          </Tag>
        </View>
      </View>
      <View className="hy-order__who">
        <Text className="hy-card__strong">{o.customerName}</Text>
        {o.contactName && o.contactName !== o.customerName ? <Text className="hy-muted"> · {o.contactName}</Text> : null}
      </View>
      {o.plate || o.vehicleName ? (
        <View className="hy-card__row">
          <Text>
            {o.plate ? <Text className="hy-order__plate">{o.plate}</Text> : null}
            {o.vehicleName ? ` ${o.vehicleName}` : ''}
          </Text>
        </View>
      ) : null}
      <View className="hy-card__row hy-order__address">
        <Text>{o.address}</Text>
      </View>
      {o.appointmentAt || showTechnician ? (
        <View className="hy-card__row">
          <Text className={urgent ? 'hy-card__danger' : ''}>{o.appointmentAt ? `预约 ${appointmentText(o.appointmentAt)}` : ''}</Text>
          {showTechnician && o.technicianName ? <Text className="hy-order__tech">技师：{o.technicianName}</Text> : null}
        </View>
      ) : null}
      <View className="hy-card__remark hy-order__problem">{o.problem}</View>
      {note ? <View className="hy-card__row">{note}</View> : null}
      {footer ? (
        <View className="hy-order__foot" onClick={(e) => e.stopPropagation()}>
          {footer}
        </View>
      ) : null}
    </View>
  );
}
