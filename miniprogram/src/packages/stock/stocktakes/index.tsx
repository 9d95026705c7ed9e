import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { Store } from '@nutui/icons-react-taro';
import { can, formatDateTime, type StocktakeListItem, type StocktakeView } from '@hongyuan/shared';
import { api, errorMessage, getEmployee } from '../../../api/request';
import { newIdempotencyKey } from '../../../api/stock';
import { usePagedList } from '../../../api/usePagedList';
import EmptyState from '../../../components/EmptyState';
import Sheet from '../../../components/Sheet';
import { STOCK_PAGES } from '../../../stock/routes';
import { ListStatus } from '../../../components/ListStatus';
import '../../../stock/stock.scss';
import '../components/components.scss';
import './index.scss';

/** A warehouse this keeper may count (GET /stocktakes/warehouses): his own, all for an admin. */
interface Startable {
  id: number;
  name: string;
  /** the count already open there, '' when none */
  openNo: string;
}

/** 发起盘点: only the warehouses this keeper manages are offered (the server refuses the others too). */
function StartSheet({ visible, onClose }: { visible: boolean; onClose: () => void }) {
  const [warehouses, setWarehouses] = useState<Startable[] | null>(null);
  const [picked, setPicked] = useState<number | null>(null);
  const [blind, setBlind] = useState(false);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const idemKey = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    api
      .get<Startable[]>('/stocktakes/warehouses')
      .then((list) => {
        if (!alive) return;
        setWarehouses(list);
        const free = list.filter((w) => !w.openNo);
        if (free.length === 1) setPicked(free[0].id);
      })
      .catch((e) => alive && setError(errorMessage(e, '仓库加载失败，请稍后重试')));
    return () => {
      alive = false;
    };
  }, [visible]);
  const close = () => {
    setWarehouses(null);
    setPicked(null);
    setError('');
    onClose();
  };

  const start = async () => {
    if (saving) return;
    if (!picked) {
      setError('请选择要盘点的仓库');
      return;
    }
    setSaving(true);
    setError('');
    try {
      const st = await api.post<StocktakeView>(
        '/stocktakes',
        { warehouseId: picked, blind, remark: '' },
        { header: { 'Idempotency-Key': idemKey.current } },
      );
      idemKey.current = newIdempotencyKey();
      void Taro.showToast({ title: `已发起盘点 ${st.no}`, icon: 'none' });
      close();
      void Taro.navigateTo({ url: STOCK_PAGES.stocktake(st.id) });
    } catch (e) {
      setError(errorMessage(e, '发起失败，请稍后重试'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Sheet
      visible={visible}
      title="发起盘点"
      onClose={close}
      footer={
        <>
          <Button onClick={close}>取消</Button>
          <Button
            className="hy-stocktake-start__ok"
            type="primary"
            loading={saving}
            disabled={saving || !warehouses?.length}
            onClick={start}
          >
            发起
          </Button>
        </>
      }
    >
      <View className="hy-stocktake-start" data-testid="stocktake-start">
        <Text className="hy-form__label">盘点仓库（你担任库管的仓库）</Text>
        {!warehouses && !error ? <Text className="hy-muted">正在加载仓库…</Text> : null}
        {warehouses && !warehouses.length ? (
          <Text className="hy-error">你还没有担任任何仓库的库管，请联系管理员在仓库设置中添加</Text>
        ) : null}
        <View className="hy-chips">
          {(warehouses ?? []).map((w) => (
            <Text
              key={w.id}
              className={`hy-chip hy-stocktake-wh${picked === w.id ? ' hy-chip--on' : ''}${w.openNo ? ' hy-chip--off' : ''}`}
              data-testid="stocktake-start-warehouse"
              onClick={() => {
                if (w.openNo) {
                  setError(`「${w.name}」已有进行中的盘点单 ${w.openNo}，请先审核或作废`);
                  return;
                }
                setPicked(w.id);
                setError('');
              }}
            >
              {w.name}
              {w.openNo ? '（盘点中）' : ''}
            </Text>
          ))}
        </View>
        <Text className="hy-form__label">方式</Text>
        <View className="hy-chips">
          <Text className={`hy-chip hy-stocktake-mode${!blind ? ' hy-chip--on' : ''}`} onClick={() => setBlind(false)}>
            明盘
          </Text>
          <Text
            className={`hy-chip hy-stocktake-mode hy-stocktake-mode--blind${blind ? ' hy-chip--on' : ''}`}
            onClick={() => setBlind(true)}
          >
            盲盘（录入时不显示账面）
          </Text>
        </View>
        <View className="hy-notice">发起后冻结该仓库的账面数量；盘点结束前该仓库暂停审批领用、调回和确认入库。</View>
        {error ? <Text className="hy-error">{error}</Text> : null}
      </View>
    </Sheet>
  );
}

/** The stock-takes being counted now (盘点中); open one to scan and enter counts. A keeper starts one here too. */
export default function StocktakesPage() {
  const list = usePagedList<StocktakeListItem>('/stocktakes', { status: 'counting' }, { pageSize: 50 });
  const shown = useRef(false);
  const me = getEmployee();
  const mayStart = !!me && can(me.roles, 'stock.manage');
  const [starting, setStarting] = useState(false);
  useDidShow(() => {
    if (shown.current) list.reload();
    shown.current = true;
  });

  return (
    <View className="hy-page hy-stocktakes">
      {mayStart ? (
        <View className="hy-more">
          <Button type="primary" size="small" className="hy-stocktake-new" onClick={() => setStarting(true)}>
            发起盘点
          </Button>
        </View>
      ) : null}
      <ListStatus
        list={list}
        loadingText="正在加载盘点单…"
        empty={
          <EmptyState
            icon={<Store size={36} color="#a9b4c6" />}
            title="没有进行中的盘点"
            description={mayStart ? '点“发起盘点”选择仓库，然后扫码录入实盘数量' : '库管发起盘点后，可以在这里扫码录入实盘数量'}
          />
        }
      />
      {list.items.length ? <View className="hy-section-title">进行中的盘点 {list.total} 张</View> : null}
      <View className="hy-list">
        {list.items.map((st) => (
          <View
            key={st.id}
            className="hy-card hy-stocktake-item"
            data-testid="stocktake-item"
            onClick={() => Taro.navigateTo({ url: STOCK_PAGES.stocktake(st.id) })}
          >
            <View className="hy-card__head">
              <Text className="hy-card__no">{st.no}</Text>
              <View className="hy-doc-tags">
                {st.blind ? <Tag type="warning">盲盘</Tag> : null}
                <Tag type="primary">盘点中</Tag>
              </View>
            </View>
            <View className="hy-card__row">
              <Text className="hy-card__strong">{st.warehouseName}</Text>
              <Text>
                已盘 {st.countedCount} / {st.lineCount}
              </Text>
            </View>
            <View className="hy-card__row">
              <Text>
                {st.createdByName} 发起于 {formatDateTime(st.createdAt)}
              </Text>
              <Text>去录入 ›</Text>
            </View>
            {st.remark ? <View className="hy-card__remark">备注：{st.remark}</View> : null}
          </View>
        ))}
      </View>
      <StartSheet visible={starting} onClose={() => setStarting(false)} />
    </View>
  );
}
