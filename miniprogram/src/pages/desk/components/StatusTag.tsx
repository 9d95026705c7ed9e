import { Tag } from 'antd';

export function StatusTag({ enabled }: { enabled: boolean }) {
  return enabled ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>;
}
